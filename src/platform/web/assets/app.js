// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Confirm destructive actions (buttons with data-confirm) before the form is sent.
  document.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    var message = submitter && submitter.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
