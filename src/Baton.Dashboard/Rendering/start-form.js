// Baton dashboard, "Start run" form: builds the workflow input as JSON from the fields, posts it to the start API (with
// the dashboard's key as x-functions-key, never in the URL) and shows the answer: a link to the new run, or each 400
// error next to its field. Listens on the document, so it works on pages swapped in by dashboard.js. No dependencies.
(function () {
  'use strict';
  var form = null;
  var result = null;

  // The key dashboard.js keeps: this tab's first, then one remembered on this device.
  function key() {
    var name = 'baton-dashboard-key:' + (document.body.getAttribute('data-root') || '');
    try { return window.sessionStorage.getItem(name) || window.localStorage.getItem(name); } catch (e) { return null; }
  }

  function fieldOf(path) {
    // "$.approvers[1]" and "$['a b'].x" name the field "approvers" and "a b"; "$" is the whole input.
    var m = /^\$(?:\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\])?/.exec(path || '');
    var name = m ? (m[1] || (m[2] ? m[2].replace(/\\'/g, "'") : '$')) : '$';
    return Array.prototype.find.call(form.querySelectorAll('.field'), function (f) { return f.getAttribute('data-field') === name; }) || null;
  }

  function showError(field, message) {
    var slot = field.querySelector('.field-error');
    slot.textContent = slot.textContent ? slot.textContent + ' ' + message : message;
    field.classList.add('invalid');
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll('.field'), function (f) {
      f.classList.remove('invalid');
      f.querySelector('.field-error').textContent = '';
    });
    result.textContent = '';
    result.className = '';
  }

  function read() {
    var input = {};
    var problems = [];
    Array.prototype.forEach.call(form.querySelectorAll('.field'), function (f) {
      var name = f.getAttribute('data-field');
      var kind = f.getAttribute('data-kind');
      var required = f.getAttribute('data-required') === 'true';
      var control = f.querySelector('input, select, textarea');
      var text = control.type === 'checkbox' ? null : control.value.trim();
      var value;
      if (kind === 'boolean') {
        value = control.checked;
      } else if (kind === 'integer' || kind === 'number') {
        if (text === '') { if (!required) return; value = null; } else value = Number(text);
      } else if (kind.indexOf('lines-') === 0) {
        var items = control.value.split('\n').map(function (l) { return l.trim(); }).filter(function (l) { return l !== ''; });
        if (items.length === 0 && !required) return;
        value = kind === 'lines-string' ? items : items.map(Number);
      } else if (kind === 'json') {
        if (text === '') { if (!required) return; text = name === '$' ? '{}' : 'null'; }
        try { value = JSON.parse(text); } catch (e) { problems.push([f, 'This is not JSON: ' + e.message]); return; }
      } else {
        if (text === '' && !required) return;
        value = text;
      }

      if (name === '$') input = value; else input[name] = value;
    });
    return { input: input, problems: problems };
  }

  document.addEventListener('submit', function (event) {
    if (!event.target || event.target.id !== 'start-form') return;
    form = event.target;
    result = document.getElementById('start-result');
    event.preventDefault();
    event.stopImmediatePropagation();
    clearErrors();
    var read1 = read();
    if (read1.problems.length > 0) {
      read1.problems.forEach(function (p) { showError(p[0], p[1]); });
      result.textContent = 'Fix the fields marked below.';
      result.className = 'failure';
      return;
    }

    var button = document.getElementById('start-submit');
    button.disabled = true;
    result.textContent = 'Starting…';
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    var k = key();
    if (k) headers['x-functions-key'] = k;
    fetch(form.getAttribute('data-start-url'), {
      method: 'POST',
      headers: headers,
      credentials: 'same-origin',
      body: JSON.stringify(read1.input)
    }).then(function (r) {
      return r.text().then(function (t) { var body = null; try { body = JSON.parse(t); } catch (e) { } return { status: r.status, body: body, text: t }; });
    }).then(function (r) {
      button.disabled = false;
      if (r.status === 202 && r.body && r.body.id) {
        var link = document.createElement('a');
        link.id = 'started-run';
        link.href = form.getAttribute('data-run-url').replace('__id__', encodeURIComponent(r.body.id));
        link.textContent = r.body.id;
        result.textContent = 'Started run ';
        result.appendChild(link);
        result.className = 'started';
        result.setAttribute('data-instance-id', r.body.id);
        return;
      }

      var body = r.body || {};
      result.textContent = (body.title ? body.title + ' ' : 'Not started (' + r.status + '). ') + (body.detail || r.text || '');
      result.className = 'failure';
      Object.keys(body.errors || {}).forEach(function (path) {
        var field = fieldOf(path);
        (body.errors[path] || []).forEach(function (message) {
          if (field) showError(field, message);
        });
      });
    }).catch(function (e) {
      button.disabled = false;
      result.textContent = 'Not started: ' + e.message;
      result.className = 'failure';
    });
  }, true);
})();
