// Optional: hides the reply questions until "Yes, I would like a reply" is
// chosen (GOV.UK conditional reveal). Without JavaScript they are always shown.
// While hidden they are also disabled, so a person who chose No and cannot see
// the boxes never sends what they typed there earlier.
(function () {
  "use strict";
  var details = document.querySelector("[data-reply-details]");
  var choices = document.querySelectorAll("input[name='wants_reply']");
  if (!details || !choices.length) return;
  var inputs = details.querySelectorAll("input, textarea, select");
  function update() {
    var yes = document.querySelector("input[name='wants_reply'][value='yes']");
    details.hidden = !(yes && yes.checked);
    for (var i = 0; i < inputs.length; i++) inputs[i].disabled = details.hidden;
  }
  for (var i = 0; i < choices.length; i++) choices[i].addEventListener("change", update);
  update();
})();
