// A video's player is another site's page (YouTube, Vimeo): the browser asks that site for it
// only when the learner presses Play, never just because the lesson was opened.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-video-play]");
  const figure = button && button.closest("[data-video]");
  const player = figure && figure.querySelector("template[data-video-player]");
  if (!player) {
    return;
  }
  const frame = document.createElement("div");
  frame.className = "video-frame";
  frame.append(player.content.cloneNode(true));
  button.replaceWith(frame);
  const iframe = frame.querySelector("iframe");
  if (iframe) {
    iframe.focus();
  }
});
