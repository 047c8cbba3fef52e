/* Small screens: panels marked data-collapse-on-phone (the filters) start folded, so the table comes first.
   Without JavaScript they stay open. A panel holding an error stays open so the error is seen. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 700px)").matches) { return; }
  document.querySelectorAll("details[data-collapse-on-phone]").forEach(function (details) {
    if (!details.querySelector(".error")) { details.open = false; }
  });
}());
