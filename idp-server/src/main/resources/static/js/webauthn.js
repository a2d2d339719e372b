// WebAuthn ceremonies for Monban's pages: a button with data-webauthn="register" or
// "authenticate" fetches options from data-options, runs the browser's ceremony, and posts the
// answer to data-answer. The server always says where to go next (success or a page that
// explains the refusal), so this script holds no logic of its own.
(function () {
  'use strict';

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = { 'Content-Type': 'application/json' };
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function post(url, body) {
    return fetch(url, { method: 'POST', headers: csrfHeaders(), body: body, credentials: 'same-origin' });
  }

  function cancelled() {
    var message = document.getElementById('webauthn-cancelled');
    if (message) {
      message.hidden = false;
    }
  }

  async function follow(response) {
    var body = {};
    try {
      body = await response.json();
    } catch (ignored) {
      // no JSON body: reload where we are
    }
    window.location.assign(body.next || window.location.href);
  }

  async function ceremony(button) {
    var register = button.dataset.webauthn === 'register';
    var optionsUrl = button.dataset.options + (register ? '?passkey=' + (button.dataset.passkey === 'true') : '');
    var optionsResponse = await post(optionsUrl, '{}');
    if (!optionsResponse.ok) {
      return follow(optionsResponse);
    }
    var json = await optionsResponse.json();
    var credential;
    try {
      credential = register
        ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) })
        : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
    } catch (e) {
      cancelled();
      return;
    }
    var answerUrl = button.dataset.answer;
    if (register) {
      var label = document.getElementById('key-label');
      answerUrl += '?label=' + encodeURIComponent(label ? label.value : '');
    }
    return follow(await post(answerUrl, JSON.stringify(credential.toJSON())));
  }

  document.querySelectorAll('[data-webauthn]').forEach(function (button) {
    if (!window.PublicKeyCredential) {
      button.hidden = true;
      return;
    }
    button.addEventListener('click', function () {
      button.disabled = true;
      ceremony(button).finally(function () {
        button.disabled = false;
      });
    });
  });
})();
