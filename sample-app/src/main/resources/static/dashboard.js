// Polls the actuator once a second and renders what the starter reports. No build step, no library.
(function () {
  'use strict';
  const previous = new Map(); // type -> published at the last poll
  let lastPoll = 0;

  const $ = (id) => document.getElementById(id);
  const number = (n) => (n === null || n === undefined) ? '-' : Math.round(n).toLocaleString('en-US');
  const micros = (nanos) => (nanos / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' \u00b5s';
  const shortName = (type) => type.substring(type.lastIndexOf('.') + 1);

  async function json(url) {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(url + ': ' + response.status);
    }
    return response.json();
  }

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function renderTypes(report, seconds) {
    const body = document.querySelector('#types tbody');
    body.replaceChildren();
    let totalRate = 0;
    let totalPublished = 0;
    let unheard = 0;
    for (const type of report.eventTypes) {
      if (type.listeners.length === 0) { // Spring's own events nobody here listens to
        unheard += type.published;
        continue;
      }
      const before = previous.get(type.type);
      const rate = (before === undefined || seconds <= 0) ? 0 : Math.max(0, (type.published - before) / seconds);
      previous.set(type.type, type.published);
      totalRate += rate;
      totalPublished += type.published;
      const row = document.createElement('tr');
      row.dataset.type = type.type;
      row.append(cell(shortName(type.type)), cell(number(rate), 'rate'), cell(number(type.published), 'published'),
        cell(number(type.delivered), 'delivered'), cell(number(type.failed), type.failed ? 'bad' : ''),
        cell(number(type.dropped), type.dropped ? 'bad' : ''),
        cell(type.listeners.map((l) => l.method + ' ' + l.delivery).join(', '), 'listeners'));
      body.append(row);
    }
    $('total-rate').textContent = number(totalRate);
    $('total-published').textContent = number(totalPublished);
    $('unheard').textContent = number(unheard);
  }

  function renderRing(ring) {
    if (!ring) {
      return;
    }
    const used = ring.capacity - ring.remaining;
    $('ring-fill').textContent = (100 * used / ring.capacity).toFixed(1) + '%';
    $('ring-detail').textContent = 'lag ' + number(ring.lag) + ', high water ' + number(ring.highWaterMark)
      + ' of ' + number(ring.capacity);
    const latency = ring.deliveryLatency;
    if (latency && latency.count > 0) {
      $('latency-p99').textContent = micros(latency.p99);
      $('latency-detail').textContent = 'p50 ' + micros(latency.p50) + ', p99.9 ' + micros(latency.p999)
        + ', max ' + micros(latency.max);
    }
  }

  function renderPools(pools) {
    const body = document.querySelector('#pools tbody');
    body.replaceChildren();
    for (const pool of pools || []) {
      const row = document.createElement('tr');
      row.append(cell(shortName(pool.type)), cell(number(pool.borrowed)), cell(number(pool.size)),
        cell(number(pool.misses), pool.misses ? 'bad' : ''), cell(number(pool.waits)));
      body.append(row);
    }
  }

  async function renderGc() {
    try {
      const gc = await json('/actuator/metrics/jvm.gc.pause');
      const count = gc.measurements.find((m) => m.statistic === 'COUNT');
      const total = gc.measurements.find((m) => m.statistic === 'TOTAL_TIME');
      $('gc-count').textContent = number(count ? count.value : 0);
      $('gc-detail').textContent = 'pauses, ' + (total ? (total.value * 1000).toFixed(0) : 0) + ' ms in total';
    } catch (e) {
      $('gc-count').textContent = '0';
      $('gc-detail').textContent = 'no collection yet';
    }
  }

  async function poll() {
    try {
      const now = performance.now();
      const seconds = lastPoll ? (now - lastPoll) / 1000 : 0;
      lastPoll = now;
      const [report, stats] = await Promise.all([json('/actuator/zerogcevents'), json('/api/stats')]);
      renderTypes(report, seconds);
      renderRing(report.ring);
      renderPools(report.pools);
      await renderGc();
      $('traffic-state').textContent = stats.trafficRate > 0
        ? 'running at ' + number(stats.trafficRate) + '/s' : 'stopped';
      $('status').textContent = 'Updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      $('status').textContent = 'Poll failed: ' + e.message;
    }
  }

  $('start').addEventListener('click', () => fetch('/api/traffic/start?rate=' + encodeURIComponent($('rate').value),
    { method: 'POST' }).then(poll));
  $('stop').addEventListener('click', () => fetch('/api/traffic/stop', { method: 'POST' }).then(poll));
  poll();
  setInterval(poll, 1000);
}());
