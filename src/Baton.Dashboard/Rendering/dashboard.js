// Baton dashboard: refreshes live fragments in place and sends confirmed management actions. No dependencies.
(function () {
  'use strict';
  var body = document.body;
  var seconds = Number(body.getAttribute('data-refresh-seconds') || '0');
  var code = body.getAttribute('data-code');
  var state = document.getElementById('refresh-state');

  function withCode(url, params) {
    var u = new URL(url, window.location.origin);
    Object.keys(params || {}).forEach(function (k) { if (params[k] !== null && params[k] !== undefined && params[k] !== '') u.searchParams.set(k, params[k]); });
    if (code) u.searchParams.set('code', code);
    return u.pathname + u.search;
  }

  // An inbox form someone is filling in (focused, or with text typed) is not replaced by a refresh.
  function busy(el) {
    return Array.prototype.some.call(el.querySelectorAll('form.inbox-decision'), function (f) {
      return f.contains(document.activeElement) || f.getAttribute('data-sending') === '1' ||
        Array.prototype.some.call(f.querySelectorAll('textarea.comment'), function (t) { return t.value !== ''; });
    });
  }

  function refresh(el, force) {
    var url = el.getAttribute('data-refresh-url');
    if (!url || document.hidden || el.getAttribute('data-loading') === '1' || (!force && busy(el))) return Promise.resolve();
    el.setAttribute('data-loading', '1');
    return fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.text().then(function (t) { return { ok: r.ok || r.status === 404, text: t }; }); })
      .then(function (r) {
        if (!r.ok) throw new Error('refresh failed');
        var open = Array.prototype.map.call(el.querySelectorAll('details[open]'), function (d) { return d.querySelector('summary') ? d.querySelector('summary').textContent : ''; });
        el.innerHTML = r.text;
        Array.prototype.forEach.call(el.querySelectorAll('details'), function (d) {
          var s = d.querySelector('summary');
          if (s && open.indexOf(s.textContent) >= 0) d.open = true;
        });
        Object.keys(toggles).forEach(function (id) { var box = document.getElementById(id); if (box) box.checked = toggles[id]; });
        applyToggles();
        // A finished run stops refreshing itself.
        if (el.querySelector('[data-final]')) el.removeAttribute('data-refresh-url');
        var n = Number(el.getAttribute('data-refresh-count') || '0') + 1;
        el.setAttribute('data-refresh-count', String(n));
        if (state) state.textContent = 'updated ' + new Date().toLocaleTimeString();
      })
      .catch(function () { if (state) state.textContent = 'refresh failed; retrying'; })
      .then(function () { el.removeAttribute('data-loading'); });
  }

  function refreshAll() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-refresh-url]'), refresh);
  }

  if (seconds > 0) {
    window.setInterval(refreshAll, seconds * 1000);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) refreshAll(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll('select[data-autosubmit]'), function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });

  // Toggles survive live refreshes because the checkbox is re-read after each one.
  function applyToggles() {
    Array.prototype.forEach.call(document.querySelectorAll('input[data-toggle-class]'), function (box) {
      var target = document.getElementById(box.getAttribute('data-target'));
      if (target) target.classList.toggle(box.getAttribute('data-toggle-class'), box.checked);
    });
  }
  var toggles = {};
  document.addEventListener('change', function (ev) {
    var box = ev.target;
    if (box && box.matches && box.matches('input[data-toggle-class]')) { toggles[box.id] = box.checked; applyToggles(); }
  });

  var result = document.getElementById('action-result');
  function report(text, bad) {
    if (!result) return;
    result.textContent = text;
    result.style.color = bad ? '#b91c1c' : '#065f46';
  }

  function send(method, url, payload) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (payload !== undefined) { init.body = payload; init.headers['Content-Type'] = 'application/json'; }
    return fetch(url, init).then(function (r) {
      return r.text().then(function (t) {
        var message = '';
        try { var j = JSON.parse(t); message = j.detail || j.title || ''; } catch (e) { message = ''; }
        return { ok: r.ok, status: r.status, message: message };
      });
    });
  }

  document.addEventListener('click', function (ev) {
    var button = ev.target.closest ? ev.target.closest('button[data-action]') : null;
    if (!button) return;
    var box = button.closest('[data-instance-url]');
    if (!box) return;
    ev.preventDefault();
    var base = box.getAttribute('data-instance-url');
    var id = box.getAttribute('data-instance-id');
    var action = button.getAttribute('data-action');
    var method = 'POST', url, payload, question;
    if (action === 'raise') {
      var name = window.prompt('Event name to raise on ' + id + ':', button.getAttribute('data-event') || '');
      if (!name) return;
      var example = /^approval-/i.test(name)
        // A raw approval event counts only from an approver on the list, or as an explicit, audited override.
        ? JSON.stringify({ approved: true, approver: 'dashboard', comment: 'Override from the dashboard', isOverride: true })
        : '{}';
      payload = window.prompt('Event payload (JSON):', example);
      if (payload === null) return;
      try { JSON.parse(payload); } catch (e) { report('The payload is not JSON: ' + e.message, true); return; }
      url = withCode(base + '/raiseEvent/' + encodeURIComponent(name));
      question = 'Raise event "' + name + '" on ' + id + '?';
    } else if (action === 'terminate') {
      var reason = window.prompt('Reason for terminating ' + id + ':', 'Terminated from the dashboard');
      if (reason === null) return;
      url = withCode(base + '/terminate', { reason: reason });
      question = 'Terminate ' + id + '? It stops for good.';
    } else if (action === 'suspend' || action === 'resume') {
      url = withCode(base + '/' + action, { reason: 'From the dashboard' });
      question = (action === 'suspend' ? 'Suspend ' : 'Resume ') + id + '?';
    } else if (action === 'purge') {
      method = 'DELETE';
      url = withCode(base);
      question = 'Purge ' + id + '? Its history and status are deleted for good.';
    } else {
      return;
    }

    if (!window.confirm(question)) return;
    button.disabled = true;
    report('Sending…', false);
    send(method, url, payload).then(function (r) {
      if (r.ok) {
        report(action + ': accepted (' + r.status + ')', false);
        if (action === 'purge') { window.location.href = box.getAttribute('data-runs-url'); return; }
        var live = document.getElementById('run-live');
        if (live) {
          if (!live.getAttribute('data-refresh-url')) live.setAttribute('data-refresh-url', withCode(window.location.pathname.replace(/\/$/, '') + '/live'));
          refresh(live);
        }
      } else {
        report(action + ' refused (' + r.status + ')' + (r.message ? ': ' + r.message : ''), true);
      }
    }).catch(function (e) { report(action + ' failed: ' + e.message, true); })
      .then(function () { button.disabled = false; });
  });

  // The approvals inbox: Approve / Reject as one of the approvers, through the dashboard's decide endpoint.
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form || !form.matches || !form.matches('form.inbox-decision')) return;
    ev.preventDefault();
    var decision = ev.submitter ? ev.submitter.value : 'approve';
    var out = form.querySelector('.decide-result');
    var edited = form.querySelector('textarea.edited');
    var payload = JSON.stringify({
      instanceId: form.elements.instanceId.value,
      eventName: form.elements.eventName.value,
      approver: form.elements.approver.value,
      approved: decision === 'approve',
      comment: form.querySelector('textarea.comment').value || null,
      edited: edited ? edited.value : null
    });
    form.setAttribute('data-sending', '1');
    Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = true; });
    if (out) { out.textContent = 'Sending…'; out.style.color = ''; }
    send('POST', form.getAttribute('data-decide-url'), payload).then(function (r) {
      if (out) {
        out.textContent = r.ok ? (decision === 'approve' ? 'Approved' : 'Rejected') + ' as ' + form.elements.approver.value : 'Not recorded (' + r.status + '): ' + r.message;
        out.style.color = r.ok ? '#065f46' : '#b91c1c';
        out.setAttribute('data-outcome', r.ok ? 'recorded' : 'refused');
      }
      form.removeAttribute('data-sending');
      if (r.ok) { form.querySelector('textarea.comment').value = ''; if (document.activeElement) document.activeElement.blur(); }
      if (!r.ok) Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = false; });
    }).catch(function (e) {
      if (out) { out.textContent = 'Failed: ' + e.message; out.style.color = '#b91c1c'; }
      form.removeAttribute('data-sending');
      Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = false; });
    });
  });
})();
