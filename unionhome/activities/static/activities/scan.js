// The check-in page on the group leader's phone: the camera reads the member's QR code —
// the browser's BarcodeDetector where it has one for QR, jsQR (served here, vendor/jsqr) otherwise —
// and the code goes into the form, which is sent. Typing the code stays as the last fallback.
(function () {
  const button = document.getElementById("scan-start");
  if (!button) return;
  const video = document.getElementById("scan-video");
  const input = document.getElementById("checkin-code");
  const form = document.getElementById("checkin-form");
  const status = document.getElementById("scan-status");
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  let stream = null;
  let detector = null;

  const stop = () => {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    video.hidden = true;
  };
  const found = (text) => {
    stop();
    input.value = text;
    status.textContent = "";
    form.submit();
  };
  const withJsQR = () => {
    const w = video.videoWidth, h = video.videoHeight;
    if (!w || !h || !window.jsQR) return null;
    canvas.width = w;
    canvas.height = h;
    ctx.drawImage(video, 0, 0, w, h);
    const hit = window.jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: "attemptBoth" });
    return hit ? hit.data : null;
  };
  const tick = async () => {
    if (!stream) return;
    if (video.readyState >= 2) {
      let text = null;
      if (detector) {
        try {
          const codes = await detector.detect(video);
          if (codes.length) text = codes[0].rawValue;
        } catch (e) {
          detector = null; // this browser's detector cannot read: jsQR from now on
        }
      }
      if (!text && !detector) text = withJsQR();
      if (text) return found(text);
    }
    requestAnimationFrame(tick);
  };

  button.addEventListener("click", async () => {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = button.dataset.noCamera;
      return;
    }
    try {
      if ("BarcodeDetector" in window) {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (formats.includes("qr_code")) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      }
    } catch (e) {
      detector = null;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (e) {
      status.textContent = button.dataset.denied;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    status.textContent = button.dataset.aim;
    await video.play();
    tick();
  });
})();
