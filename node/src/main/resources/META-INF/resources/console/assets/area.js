// Draws the planned operation's circle to scale (no map tiles: the console works offline).
(function () {
  var radius = document.getElementById('radius');
  var circle = document.getElementById('area-circle');
  if (!radius || !circle) return;
  function draw() {
    var metres = Math.max(1, Number(radius.value) || 1);
    // the drawing spans 1 km: 120 px = 500 m
    circle.setAttribute('r', String(Math.min(118, metres * 120 / 500)));
  }
  radius.addEventListener('input', draw);
  draw();
})();
