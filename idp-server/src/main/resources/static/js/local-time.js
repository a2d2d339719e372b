// Shows every <time data-local datetime="..."> in the browser's own time zone, with the zone's
// name; the server's rendering (in Monban's configured zone) stays as the title, and is what
// a browser without script shows.
(function () {
  'use strict';
  var language = document.documentElement.lang || undefined;
  var format;
  try {
    format = new Intl.DateTimeFormat(language, {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      timeZoneName: 'short'
    });
  } catch (e) {
    return;
  }
  document.querySelectorAll('time[data-local][datetime]').forEach(function (element) {
    var time = new Date(element.getAttribute('datetime'));
    if (isNaN(time.getTime())) {
      return;
    }
    element.title = element.textContent;
    element.textContent = format.format(time);
  });
})();
