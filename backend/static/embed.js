// Peer Lounge embed: put
//   <script src="https://LOUNGE-HOST/embed.js" data-view="lounge" async></script>
// on any page of the agency's site to show the widget there, in an iframe that grows
// with its content. data-view may be lounge, mentors or events, or wishlist for what the
// lounge needs, which partners can pledge (its own page, /wishlist). No cookies, no
// tracking.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var origin = new URL(script.src).origin;
  var views = ["lounge", "mentors", "events", "wishlist"];
  var view = script.getAttribute("data-view");
  if (views.indexOf(view) < 0) {
    view = "lounge";
  }
  var frame = document.createElement("iframe");
  frame.src = origin + "/" + view + "?embed=1";
  frame.title =
    script.getAttribute("data-title") ||
    (view === "wishlist" ? "Peer Lounge: what our lounge needs" : "Peer Lounge: book a spot");
  frame.setAttribute("loading", "lazy");
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.minHeight = "480px";
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener("message", function (event) {
    // Only our own frame may resize itself.
    if (event.origin !== origin || event.source !== frame.contentWindow) {
      return;
    }
    var data = event.data;
    if (data && data.type === "peerlounge:height" && typeof data.height === "number") {
      frame.style.height = Math.max(200, Math.min(Math.ceil(data.height), 20000)) + "px";
    }
  });
})();
