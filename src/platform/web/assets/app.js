// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Confirm destructive actions (buttons with data-confirm) before the form is sent.
  document.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    var message = submitter && submitter.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // "Leave this site": replace this history entry, so Back does not come back here. Escape does the same.
  // (Escape only on public pages: on staff pages it would throw away a form being filled in.)
  var leave = document.querySelector('[data-leave]');
  var isPublic = document.documentElement.hasAttribute('data-public');
  function leaveNow(event) {
    if (event) event.preventDefault();
    document.body.style.display = 'none';
    window.location.replace(leave.getAttribute('href'));
  }
  if (leave) {
    leave.addEventListener('click', leaveNow);
    if (isPublic)
      document.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && !event.defaultPrevented) leaveNow(event);
      });
  }

  // Suggestions while typing a town (the server gives the same suggestions without JavaScript).
  var place = document.querySelector('[data-place-suggest]');
  if (place && window.fetch) {
    var list = document.createElement('datalist');
    list.id = 'place-suggestions';
    place.parentNode.appendChild(list);
    place.setAttribute('list', list.id);
    var timer;
    place.addEventListener('input', function () {
      clearTimeout(timer);
      var q = place.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(function () {
        fetch(place.getAttribute('data-place-suggest') + '?q=' + encodeURIComponent(q), {
          headers: { accept: 'application/json' },
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        })
          .then(function (r) {
            return r.ok ? r.json() : { places: [] };
          })
          .then(function (data) {
            list.textContent = '';
            // The label ("Westland (Naaldwijk)") reads back as exactly that place when submitted.
            data.places.forEach(function (p) {
              var option = document.createElement('option');
              option.value = p.label;
              option.label = p.province;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 150);
    });
  }

  // Offline: keep the home page, the emergency numbers and the national desks (see /sw.js). Registered after
  // the page has loaded, so installing the worker never competes with showing the page.
  if ('serviceWorker' in navigator && isPublic) {
    window.addEventListener('load', function () {
      navigator.serviceWorker
        .register('/sw.js')
        .then(function () {
          return navigator.serviceWorker.ready;
        })
        .then(function (registration) {
          if (registration.active) registration.active.postMessage(window.location.pathname);
        })
        .catch(function () {});
    });
  }
})();
