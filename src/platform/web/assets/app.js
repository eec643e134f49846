// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Confirm destructive actions (buttons with data-confirm) before the form is sent.
  document.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    var message = submitter && submitter.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // "Leave this site" (as GOV.UK's "Exit this page"): the button, or Shift pressed three times in a row on a public
  // page, replaces this history entry with a neutral site, so Back does not come back here. Escape does not
  // leave: it closes menus and clears fields, and a person pressing it there must not lose the page.
  var leave = document.querySelector('[data-leave]');
  var isPublic = document.documentElement.hasAttribute('data-public');
  function leaveNow(event) {
    if (event) event.preventDefault();
    document.body.style.display = 'none';
    document.title = '';
    window.location.replace(leave.getAttribute('href'));
  }
  if (leave) {
    leave.addEventListener('click', leaveNow);
    if (isPublic) {
      var shifts = 0;
      var shiftTimer;
      document.addEventListener('keydown', function (event) {
        if (event.key !== 'Shift') {
          shifts = 0;
          return;
        }
        if (event.repeat) return;
        shifts += 1;
        clearTimeout(shiftTimer);
        // Three presses, each within 5 seconds of the one before (GOV.UK's rule).
        shiftTimer = setTimeout(function () {
          shifts = 0;
        }, 5000);
        if (shifts >= 3) leaveNow(event);
      });
    }
  }

  // Keep the answers out of the browser history: on public pages, a step to or from a wegwijzer address with
  // answers (a query string) replaces the current history entry instead of adding one. Back then goes to where the person
  // came from before the questions, and after leaving nothing with answers is left behind. (Without JavaScript,
  // every step is an ordinary link: see the wegwijzer README.)
  function sameSite(url) {
    return url.origin === window.location.origin;
  }
  // Answers live only in the wegwijzer's addresses (/guide/…, with or without a language prefix).
  function withAnswers(url) {
    return /^(\/[a-z]{2})?\/guide\//.test(url.pathname) && url.search !== '';
  }
  function replaces(url) {
    return isPublic && sameSite(url) && (withAnswers(url) || withAnswers(window.location));
  }
  if (isPublic && window.location.replace) {
    document.addEventListener('click', function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
        return;
      var link = event.target.closest && event.target.closest('a[href]');
      if (!link || link.hasAttribute('data-leave') || link.target || link.hasAttribute('download')) return;
      var url = new URL(link.href, window.location.href);
      if (!/^https?:$/.test(url.protocol) || !replaces(url)) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash)
        return;
      event.preventDefault();
      window.location.replace(url.href);
    });
    document.addEventListener('submit', function (event) {
      var form = event.target;
      if (event.defaultPrevented || (form.method || 'get').toLowerCase() !== 'get') return;
      var url = new URL(form.action || window.location.href, window.location.href);
      url.search = new URLSearchParams(new FormData(form)).toString();
      if (!replaces(url)) return;
      event.preventDefault();
      window.location.replace(url.href);
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
