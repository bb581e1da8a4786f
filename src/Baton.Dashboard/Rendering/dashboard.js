// Baton dashboard: keeps the key out of URLs, refreshes live fragments in place, sends confirmed actions. No dependencies.
(function () {
  'use strict';
  var root = document.body.getAttribute('data-root') || '';
  var seconds = Number(document.body.getAttribute('data-refresh-seconds') || '0');

  // Where pages come from. Served at their address (the local host), a page is fetched from the URL it shows. Behind a
  // shell (Azure Functions) the address answers anyone with a page without data (data-shell), and the pages, fragments
  // and actions live under the key-protected data-fetch-root: links, history and bookmarks keep the address form, and
  // every fetch maps it to the data root.
  var dataRoot = document.body.getAttribute('data-fetch-root') || '';
  var shell = document.body.getAttribute('data-shell') === 'true';

  // The key the dashboard was opened with (?code=) leaves the address bar at once and stays with this tab; one entered in
  // the sign-in form stays with this tab or, if asked, this device. Every request of the page sends it as
  // x-functions-key (what both Azure Functions and the local host accept), so links, history and shared URLs never
  // carry it. Without a key (keys off, or a host that does not check them) links work as plain links.
  var storeName = 'baton-dashboard-key:' + root;
  var noticeName = 'baton-dashboard-notice:' + root;
  function storage(name) { try { return window[name]; } catch (e) { return null; } }
  function read(name, item) { var s = storage(name); try { return s ? s.getItem(item) : null; } catch (e) { return null; } }
  function write(name, item, value) { var s = storage(name); try { if (s) s.setItem(item, value); } catch (e) { /* private mode: this page only */ } }
  function remove(name, item) { var s = storage(name); try { if (s) s.removeItem(item); } catch (e) { /* nothing stored */ } }
  function forget() { key = null; remove('sessionStorage', storeName); remove('localStorage', storeName); }

  var key = null;
  (function () {
    var here = new URL(window.location.href);
    var fromUrl = here.searchParams.get('code');
    if (fromUrl) {
      key = fromUrl;
      write('sessionStorage', storeName, fromUrl);
      here.searchParams.delete('code');
      window.history.replaceState(window.history.state, '', here.pathname + here.search + here.hash);
    } else {
      key = read('sessionStorage', storeName) || read('localStorage', storeName);
    }
  })();

  function headers(extra) {
    var h = extra || {};
    if (key) h['x-functions-key'] = key;
    return h;
  }

  // The URL a page, fragment or action at a dashboard address is fetched from.
  function source(address) {
    if (!dataRoot) return address;
    var url = new URL(address, window.location.href);
    if (!inDashboard(url)) return address;
    return dataRoot + url.pathname.slice(root.length) + url.search;
  }

  function here() { return window.location.pathname + window.location.search; }

  // No key, or a refused one: the shell's sign-in form, with what happened. Off the shell (a page swapped in), the
  // address itself is loaded again without the key, which brings up the shell; the note waits for it in this tab.
  function signIn(address, note, bad) {
    forget();
    var box = document.getElementById('sign-in');
    if (!box) {
      write('sessionStorage', noticeName, (bad ? '!' : '') + note);
      window.location.assign(address);
      return;
    }

    target = address;
    var loading = document.getElementById('shell-loading');
    if (loading) loading.hidden = true;
    var message = document.getElementById('sign-in-message');
    message.textContent = note;
    message.className = bad ? 'bad-text' : 'ok-text';
    message.hidden = !note;
    box.hidden = false;
    var input = document.getElementById('sign-in-key');
    input.value = '';
    input.focus();
    state('');
  }

  var target = null;

  function state(text) {
    var el = document.getElementById('refresh-state');
    if (el) el.textContent = text;
  }

  function utcNow() { return new Date().toISOString().slice(11, 19) + ' UTC'; }

  function inDashboard(url) {
    return url.origin === window.location.origin && (url.pathname === root || url.pathname.indexOf(root + '/') === 0);
  }

  // Page to page with the key in a header: fetch the page, swap the body, keep the history entry.
  // Resolves true once the page is in place.
  function go(url, push) {
    state('loading…');
    var hadKey = !!key;
    return fetch(source(url), { headers: headers({ 'Accept': 'text/html' }), credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.text().then(function (t) { return { status: r.status, text: t }; }); })
      .then(function (r) {
        if (r.status === 401 || r.status === 403) {
          if (!dataRoot) { state('the key was refused (' + r.status + '); open the dashboard link with ?code= again'); return false; }
          signIn(url, hadKey ? 'The key was refused (' + r.status + '). Check it and enter it again.' : '', hadKey);
          return false;
        }
        var doc = new DOMParser().parseFromString(r.text, 'text/html');
        if (!doc.querySelector('main')) { state('not a dashboard page (' + r.status + ')'); return false; }
        document.title = doc.title;
        document.documentElement.replaceChild(document.adoptNode(doc.body), document.body);
        if (push) window.history.pushState({ dashboard: true }, '', url);
        window.scrollTo(0, 0);
        applyToggles();
        return true;
      })
      .catch(function (e) { state('could not load the page: ' + e.message); return false; });
  }

  document.addEventListener('click', function (ev) {
    if ((!key && !dataRoot) || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var a = ev.target.closest ? ev.target.closest('a[href]') : null;
    if (!a || a.target || a.hasAttribute('download')) return;
    var url = new URL(a.href, window.location.href);
    if (!inDashboard(url) || (url.pathname === window.location.pathname && url.search === window.location.search && url.hash)) return;
    ev.preventDefault();
    go(url.pathname + url.search, true);
  });

  window.addEventListener('popstate', function () { if (key || dataRoot) go(here(), false); });

  // GET forms (filters, ranges) go the same way, without empty fields.
  function submitGet(form) {
    var url = new URL(form.getAttribute('action') || window.location.pathname, window.location.href);
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (v !== '' && k !== 'code') params.append(k, v); });
    url.search = params.toString();
    return go(url.pathname + url.search, true);
  }

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if ((!key && !dataRoot) || !form || !form.getAttribute || (form.getAttribute('method') || '').toLowerCase() !== 'get') return;
    if (!inDashboard(new URL(form.getAttribute('action') || window.location.pathname, window.location.href))) return;
    ev.preventDefault();
    submitGet(form);
  });

  document.addEventListener('change', function (ev) {
    var s = ev.target;
    if (s && s.matches && s.matches('select[data-autosubmit]') && s.form) {
      if (s.form.requestSubmit) s.form.requestSubmit(); else s.form.submit();
    }
  });

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
    var hadKey = !!key;
    return fetch(source(url), { headers: headers({ 'Accept': 'text/html' }), credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.text().then(function (t) { return { ok: r.ok || r.status === 404, status: r.status, text: t }; }); })
      .then(function (r) {
        if ((r.status === 401 || r.status === 403) && dataRoot) {
          signIn(here(), hadKey ? 'The key was refused (' + r.status + '). Check it and enter it again.' : '', hadKey);
          return;
        }
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
        state('updated ' + utcNow());
      })
      .catch(function () { state('refresh failed; retrying'); })
      .then(function () { el.removeAttribute('data-loading'); });
  }

  function refreshAll() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-refresh-url]'), function (el) { refresh(el); });
  }

  if (seconds > 0) {
    window.setInterval(refreshAll, seconds * 1000);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) refreshAll(); });
  }

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

  function report(el, text, bad) {
    if (!el) return;
    el.textContent = text;
    el.className = bad ? 'bad-text' : 'ok-text';
  }

  function send(url, payload) {
    return fetch(source(url), {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: headers({ 'Content-Type': 'application/json', 'Accept': 'application/json' }),
      body: JSON.stringify(payload || {})
    }).then(function (r) {
      return r.text().then(function (t) {
        var json = {};
        try { json = JSON.parse(t) || {}; } catch (e) { json = {}; }
        return { ok: r.ok, status: r.status, json: json, message: json.detail || json.title || '' };
      });
    });
  }

  // Copy a full instance id.
  document.addEventListener('click', function (ev) {
    var button = ev.target.closest ? ev.target.closest('button[data-copy]') : null;
    if (!button) return;
    ev.preventDefault();
    var text = button.getAttribute('data-copy');
    var done = function () {
      button.classList.add('copied');
      button.textContent = 'copied';
      button.setAttribute('data-copied', text);
      window.setTimeout(function () { button.classList.remove('copied'); button.textContent = 'copy'; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  });

  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  // A run's actions (run page and runs list): confirmed, then POSTed as JSON to {run}/{action} on the dashboard.
  document.addEventListener('click', function (ev) {
    var button = ev.target.closest ? ev.target.closest('button[data-action]') : null;
    if (!button) return;
    var box = button.closest('[data-instance-url]');
    if (!box) return;
    ev.preventDefault();
    var base = box.getAttribute('data-instance-url');
    var id = box.getAttribute('data-instance-id');
    var action = button.getAttribute('data-action');
    var out = document.getElementById('action-result') || document.getElementById('purge-result');
    var payload = {}, question;
    if (action === 'raise') {
      var name = window.prompt('Event name to raise on ' + id + ':', button.getAttribute('data-event') || '');
      if (!name) return;
      var example = /^approval-/i.test(name)
        // A raw approval event counts only from an approver on the list, or as an explicit, audited override.
        ? JSON.stringify({ approved: true, approver: 'dashboard', comment: 'Override from the dashboard', isOverride: true })
        : '{}';
      var text = window.prompt('Event payload (JSON):', example);
      if (text === null) return;
      try { payload = { eventName: name, payload: JSON.parse(text) }; } catch (e) { report(out, 'The payload is not JSON: ' + e.message, true); return; }
      question = 'Raise event "' + name + '" on ' + id + '?';
    } else if (action === 'terminate') {
      var reason = window.prompt('Reason for terminating ' + id + ':', 'Terminated from the dashboard');
      if (reason === null) return;
      payload = { reason: reason };
      question = 'Terminate ' + id + '? It stops for good.';
    } else if (action === 'suspend' || action === 'resume') {
      payload = { reason: 'From the dashboard' };
      question = (action === 'suspend' ? 'Suspend ' : 'Resume ') + id + '?';
    } else if (action === 'purge') {
      question = 'Purge ' + id + '? Its history and status are deleted for good.';
    } else if (action === 'restart') {
      question = 'Start a new run with the same input as ' + id + '?';
    } else if (action === 'rewind') {
      payload = { reason: 'Rewound from the dashboard' };
      question = 'Rewind ' + id + '? Its failed steps run again and the run goes on.';
    } else {
      return;
    }

    if (!window.confirm(question)) return;
    button.disabled = true;
    report(out, 'Sending…', false);
    send(base + '/' + action, payload).then(function (r) {
      if (!r.ok) { report(out, action + ' refused (' + r.status + ')' + (r.message ? ': ' + r.message : ''), true); return; }
      report(out, action + ': accepted (' + r.status + ')' + (r.json.instanceId && action === 'restart' ? ' as ' + r.json.instanceId : ''), false);
      if (action === 'restart' && r.json.url) { return go(r.json.url, true); }
      if (action === 'purge') { return go(box.getAttribute('data-runs-url') || root + '/', true); }
      var live = document.getElementById('run-live');
      if (live) {
        if (!live.getAttribute('data-refresh-url')) live.setAttribute('data-refresh-url', window.location.pathname.replace(/\/$/, '') + '/live');
        return refresh(live, true);
      }
      var runs = document.getElementById('runs');
      if (runs) return refresh(runs, true);
    }).catch(function (e) { report(out, action + ' failed: ' + e.message, true); })
      .then(function () { button.disabled = false; });
  });

  // Bulk purge: count first, then purge exactly what was counted (the server refuses if the count moved).
  document.addEventListener('click', function (ev) {
    var target = ev.target.closest ? ev.target.closest('#purge-count, #purge-go, #purge-cancel') : null;
    if (!target) return;
    var box = document.getElementById('bulk-purge');
    var confirmBox = document.getElementById('purge-confirm');
    var out = document.getElementById('purge-result');
    var goButton = document.getElementById('purge-go');
    var query = box.getAttribute('data-query') || '';
    if (target.id === 'purge-cancel') { confirmBox.hidden = true; report(out, 'Nothing purged.', false); return; }
    target.disabled = true;
    var confirming = target.id === 'purge-go';
    var body = confirming ? { query: query, confirm: true, expected: Number(goButton.getAttribute('data-expected')) } : { query: query };
    send(box.getAttribute('data-purge-url'), body).then(function (r) {
      if (!r.ok) { report(out, 'Purge refused (' + r.status + '): ' + r.message, true); confirmBox.hidden = true; return; }
      if (!confirming) {
        if (r.json.count === 0) { report(out, 'No finished runs match ' + r.json.filter + '.', false); return; }
        goButton.setAttribute('data-expected', String(r.json.count));
        document.getElementById('purge-summary').textContent = r.json.count + ' finished run(s) match ' + r.json.filter +
          ' (e.g. ' + (r.json.sample || []).slice(0, 3).join(', ') + '). Purging deletes their status and history for good.';
        goButton.textContent = 'Purge ' + r.json.count + ' run(s)';
        confirmBox.hidden = false;
        report(out, '', false);
        return;
      }
      confirmBox.hidden = true;
      report(out, r.json.detail, false);
      var runs = document.getElementById('runs');
      if (runs) return refresh(runs, true);
    }).catch(function (e) { report(out, 'Purge failed: ' + e.message, true); })
      .then(function () { target.disabled = false; });
  });

  // The approvals inbox: Approve / Reject as one of the approvers, through the dashboard's decide endpoint.
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form || !form.matches || !form.matches('form.inbox-decision')) return;
    ev.preventDefault();
    var decision = ev.submitter ? ev.submitter.value : 'approve';
    var out = form.querySelector('.decide-result');
    var edited = form.querySelector('textarea.edited');
    var payload = {
      instanceId: form.elements.instanceId.value,
      eventName: form.elements.eventName.value,
      approver: form.elements.approver.value,
      approved: decision === 'approve',
      comment: form.querySelector('textarea.comment').value || null,
      edited: edited ? edited.value : null
    };
    form.setAttribute('data-sending', '1');
    Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = true; });
    if (out) { out.textContent = 'Sending…'; out.className = 'decide-result'; }
    send(form.getAttribute('data-decide-url'), payload).then(function (r) {
      if (out) {
        out.textContent = r.ok ? (decision === 'approve' ? 'Approved' : 'Rejected') + ' as ' + form.elements.approver.value : 'Not recorded (' + r.status + '): ' + r.message;
        out.className = 'decide-result ' + (r.ok ? 'ok-text' : 'bad-text');
        out.setAttribute('data-outcome', r.ok ? 'recorded' : 'refused');
      }
      form.removeAttribute('data-sending');
      if (r.ok) { form.querySelector('textarea.comment').value = ''; if (document.activeElement) document.activeElement.blur(); }
      if (!r.ok) Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = false; });
    }).catch(function (e) {
      if (out) { out.textContent = 'Failed: ' + e.message; out.className = 'decide-result bad-text'; }
      form.removeAttribute('data-sending');
      Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) { b.disabled = false; });
    });
  });
  // The sign-in form: the key is tried on the page asked for, and kept (this tab, or this device) only once it works.
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form || form.id !== 'sign-in-form') return;
    ev.preventDefault();
    var entered = form.elements.key.value.trim();
    if (!entered) return;
    var device = !!form.querySelector('input[name=remember][value=device]:checked');
    var button = document.getElementById('sign-in-submit');
    button.disabled = true;
    key = entered;
    go(target || here(), false).then(function (ok) {
      button.disabled = false;
      if (!ok) return;
      write(device ? 'localStorage' : 'sessionStorage', storeName, entered);
    });
  });

  document.addEventListener('click', function (ev) {
    var button = ev.target.closest ? ev.target.closest('#forget-key') : null;
    if (!button) return;
    ev.preventDefault();
    signIn(here(), 'The key is forgotten in this tab and on this device.', false);
  });

  // On the shell: what the last page left to say (a refused key, a forgotten one), else the page at this address.
  if (shell) {
    var notice = read('sessionStorage', noticeName);
    remove('sessionStorage', noticeName);
    if (notice !== null) signIn(here(), notice.replace(/^!/, ''), notice.charAt(0) === '!');
    else go(here(), false);
  }
})();
