// Median and p90 per workflow step as bars, read from the table below the chart (uPlot, bundled).
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#timings tbody tr'));
  var target = document.getElementById('timeliness-chart');
  if (!target || rows.length === 0 || typeof uPlot === 'undefined') return;
  var labels = rows.map(function (r) { return r.dataset.label; });
  var xs = rows.map(function (r, i) { return i; });
  var median = rows.map(function (r) { return Number(r.dataset.median) / 1000; });
  var p90 = rows.map(function (r) { return Number(r.dataset.p90) / 1000; });
  var bars = uPlot.paths.bars;
  new uPlot({
    width: Math.min(960, target.clientWidth || 960),
    height: 320,
    scales: { x: { time: false, range: [-0.5, rows.length - 0.5] } },
    axes: [
      { values: function (u, splits) { return splits.map(function (i) { return labels[i] || ''; }); } },
      { label: 's' }
    ],
    series: [
      {},
      { label: 'median', fill: 'rgba(18,53,91,0.7)', stroke: '#12355b', paths: bars({ size: [0.4, 60], align: -1 }) },
      { label: 'p90', fill: 'rgba(179,107,0,0.7)', stroke: '#b36b00', paths: bars({ size: [0.4, 60], align: 1 }) }
    ]
  }, [xs, median, p90], target);
})();
