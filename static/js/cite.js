/* "Cite this page": shows the copy button (hidden without JavaScript, where the citation stays selectable text)
   and copies the citation's text when it is pressed, saying so in a status message. */
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(text, element) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      selectText(element);
      if (document.execCommand("copy")) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[role=status]");
    if (!source) {
      return;
    }
    button.parentNode.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.replace(/\s+/g, " ").trim();
      copy(text, source).then(
        function () {
          status.textContent = button.getAttribute("data-copied");
        },
        function () {
          selectText(source);
          status.textContent = button.getAttribute("data-failed");
        }
      );
    });
  });
})();
