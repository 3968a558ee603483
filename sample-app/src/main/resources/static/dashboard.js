// Polls the actuator and the sample's API once a second and renders what they report: cards, tables and
// line charts over the last three minutes. No build step, no library: the charts are plain canvas.
(function () {
  'use strict';
  const WINDOW_SECONDS = 180;
  const COLORS = { zerogc: '#4cc38a', spring: '#f0a04b', ring: '#6cb6ff', gc: '#ff7b72' };
  const previousPublished = new Map(); // type -> published at the last poll
  const series = {
    rate: [line('zerogc QuoteTick', COLORS.zerogc), line('zerogc OrderPlaced', COLORS.zerogc, [6, 3]),
      line('Spring Quote', COLORS.spring), line('Spring Order', COLORS.spring, [6, 3])],
    latency: [line('zerogc p50', COLORS.zerogc, [2, 3]), line('zerogc p99', COLORS.zerogc),
      line('zerogc p99.9', COLORS.zerogc, [8, 3]), line('Spring p50', COLORS.spring, [2, 3]),
      line('Spring p99', COLORS.spring), line('Spring p99.9', COLORS.spring, [8, 3])],
    bytes: [line('zerogc lane, B/event', COLORS.zerogc), line('Spring lane, B/event', COLORS.spring)],
    gc: [line('GC pauses/s', COLORS.gc)],
    ring: [line('ring fill %', COLORS.ring)]
  };
  // The chart's event types, by the name the endpoint reports (the Spring lane's types have no compiled
  // listener, but the starter's multicaster counts them as they pass).
  const CHARTED = ['io.zerogc.sample.QuoteTick', 'io.zerogc.sample.OrderPlaced', 'io.zerogc.sample.SpringLane$Quote',
    'io.zerogc.sample.SpringLane$Order'];
  let last = null; // the previous poll's figures
  const zerogcSeconds = []; // the zerogc lane's last polls: publishing thread's bytes, events, the JVM's bytes/s

  const $ = (id) => document.getElementById(id);
  const number = (n) => (n === null || n === undefined || Number.isNaN(n)) ? '-' : Math.round(n).toLocaleString('en-US');
  const micros = (nanos) => nanos >= 1e6 ? (nanos / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' ms'
    : (nanos / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' \u00b5s';
  const bytes = (b) => b.toLocaleString('en-US', { maximumFractionDigits: b < 10 ? 2 : 0 }) + ' B';
  const shortName = (type) => type.substring(type.lastIndexOf('.') + 1);

  function line(label, color, dash) {
    return { label, color, dash: dash || [], points: [] };
  }

  function add(target, time, value) {
    target.points.push({ t: time, v: value });
    while (target.points.length && target.points[0].t < time - WINDOW_SECONDS * 1000) {
      target.points.shift();
    }
  }

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

  function renderTypes(report, seconds, time) {
    const body = document.querySelector('#types tbody');
    body.replaceChildren();
    let unheard = 0;
    for (const type of report.eventTypes) {
      const before = previousPublished.get(type.type);
      const rate = (before === undefined || seconds <= 0) ? 0 : Math.max(0, (type.published - before) / seconds);
      previousPublished.set(type.type, type.published);
      const charted = CHARTED.indexOf(type.type);
      if (charted >= 0 && before !== undefined && seconds > 0) {
        add(series.rate[charted], time, rate);
      }
      if (type.listeners.length === 0) { // Spring's own events, and the Spring lane's, which no compiled listener takes
        unheard += type.published;
        continue;
      }
      const row = document.createElement('tr');
      row.dataset.type = type.type;
      row.append(cell(shortName(type.type)), cell(number(rate), 'rate'), cell(number(type.published), 'published'),
        cell(number(type.delivered), 'delivered'), cell(number(type.failed), type.failed ? 'bad' : ''),
        cell(number(type.dropped), type.dropped ? 'bad' : ''),
        cell(type.listeners.map((l) => l.method + ' ' + l.delivery).join(', '), 'listeners'),
        cell(number(type.subscribers.sync + type.subscribers.async), 'subscribers'));
      body.append(row);
    }
    $('unheard').textContent = number(unheard);
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

  // The Kafka integration's section, when the kafka profile has it on: what this instance sent, and received.
  function renderKafka(kafka) {
    $('kafka').hidden = !kafka;
    if (!kafka) {
      return;
    }
    $('kafka-instance').textContent = kafka.instanceId;
    const out = document.querySelector('#kafka-out tbody');
    out.replaceChildren();
    for (const target of kafka.outbound) {
      const row = document.createElement('tr');
      row.append(cell(shortName(target.type)), cell(target.topic), cell(number(target.externalized), 'externalized'),
        cell(number(target.externalizeFailed), target.externalizeFailed ? 'bad' : ''), cell(number(target.pending)));
      out.append(row);
    }
    const inbound = document.querySelector('#kafka-in tbody');
    inbound.replaceChildren();
    for (const topic of kafka.inbound) {
      const row = document.createElement('tr');
      row.append(cell(topic.topic), cell(shortName(topic.type)), cell(number(topic.received)),
        cell(number(topic.published), 'published'), cell(number(topic.skippedOwn), 'skipped'),
        cell(number(topic.failed), topic.failed ? 'bad' : ''), cell(number(topic.lag)));
      inbound.append(row);
    }
  }

  function renderRing(ring, time) {
    if (!ring) {
      return;
    }
    const used = ring.capacity - ring.remaining;
    const fill = Math.min(100, Math.max(0, 100 * used / ring.capacity)); // read while consumers move
    $('ring-fill').textContent = fill.toFixed(1) + '% full now';
    add(series.ring[0], time, fill);
    const windowMost = Math.max(...series.ring[0].points.map((p) => p.v)) * ring.capacity / 100;
    $('ring-detail').textContent = number(used) + ' of ' + number(ring.capacity) + ' slots in use now; most in use over'
      + ' the chart\'s ' + WINDOW_SECONDS + ' s: ' + number(windowMost) + ' (read each second); most ever: '
      + number(ring.highWaterMark) + ' (since start or reset)';
  }

  // One poll: the lanes' counts and the JVM's allocation turn into per-second rates and bytes per event.
  function renderLanes(report, lanes, time, seconds) {
    const running = lanes.rate > 0 ? lanes.lane : null;
    if (running && (!last || last.running !== running)) {
      $('lane').value = running; // the server's lane changed, whoever changed it: the chooser follows
    }
    const now = { time, lanes, running };
    if (last && seconds > 0) {
      const previous = last.lanes;
      const zerogcEvents = lanes.zerogc.events - previous.zerogc.events;
      const springEvents = lanes.spring.events - previous.spring.events;
      const allocated = Math.max(0, lanes.jvmAllocatedBytes - previous.jvmAllocatedBytes);
      const events = zerogcEvents + springEvents;
      if (events > 0) {
        add(series.bytes[running === 'spring' ? 1 : 0], time, allocated / events);
      }
      if (running === 'zerogc' && last.running === 'zerogc' && zerogcEvents > 0 && springEvents === 0) {
        const publisher = lanes.zerogc.publisherAllocatedBytes - previous.zerogc.publisherAllocatedBytes;
        zerogcSeconds.push({ publisher, events: zerogcEvents, jvm: allocated / seconds });
        if (zerogcSeconds.length > 10) {
          zerogcSeconds.shift();
        }
        const median = zerogcSeconds.map((s) => s.jvm).sort((a, b) => a - b)[Math.floor(zerogcSeconds.length / 2)];
        const sum = (f) => zerogcSeconds.reduce((total, s) => total + f(s), 0);
        $('idle-rate').textContent = 'over the zerogc lane\'s last ' + zerogcSeconds.length + ' s the publishing thread'
          + ' allocated ' + number(sum((s) => s.publisher)) + ' B for ' + number(sum((s) => s.events))
          + ' events, and the whole JVM a median ' + number(median / 1024) + ' KB/s: that is the polling';
      }
      add(series.gc[0], time, (lanes.gcCount - previous.gcCount) / seconds);
      const lane = running === 'spring' ? lanes.spring : lanes.zerogc;
      const previousLane = running === 'spring' ? previous.spring : previous.zerogc;
      const laneEvents = lane.events - previousLane.events;
      $('total-rate').textContent = running ? number(laneEvents / seconds) : '0';
      $('rate-detail').textContent = running ? (running === 'spring' ? 'Spring lane' : 'zerogc lane') + ', last second'
        : 'no traffic';
      if (running && laneEvents > 0) {
        const publisher = (lane.publisherAllocatedBytes - previousLane.publisherAllocatedBytes) / laneEvents;
        $('bytes-per-event').textContent = bytes(publisher);
        $('bytes-detail').textContent = 'publishing thread, ' + running + ' lane; whole JVM: '
          + bytes(allocated / events) + ' per event';
      }
      const latency = report.ring ? report.ring.deliveryLatency : null;
      if (running === 'zerogc' && latency && latency.count > 0) {
        add(series.latency[0], time, latency.p50 / 1000);
        add(series.latency[1], time, latency.p99 / 1000);
        add(series.latency[2], time, latency.p999 / 1000);
        $('latency-p99').textContent = 'p99 ' + micros(latency.p99);
        $('latency-detail').textContent = 'zerogc lane, sampled events, last 40-60 s: p50 ' + micros(latency.p50)
          + ', p99.9 ' + micros(latency.p999);
      } else if (running === 'spring' && lanes.spring.p99 > 0) {
        add(series.latency[3], time, lanes.spring.p50 / 1000);
        add(series.latency[4], time, lanes.spring.p99 / 1000);
        add(series.latency[5], time, lanes.spring.p999 / 1000);
        $('latency-p99').textContent = 'p99 ' + micros(lanes.spring.p99);
        $('latency-detail').textContent = 'Spring lane, every quote, last 20-60 s: p50 ' + micros(lanes.spring.p50)
          + ', p99.9 ' + micros(lanes.spring.p999);
      }
    }
    $('gc-count').textContent = number(lanes.gcCount);
    const minuteAgo = series.gc[0].points.filter((p) => p.t >= time - 60000).reduce((sum, p) => sum + p.v, 0);
    $('gc-detail').textContent = number(minuteAgo) + ' in the last minute; ' + number(lanes.gcMillis)
      + ' ms in all, since the JVM started';
    $('traffic-state').textContent = running ? 'running ' + running + ' at ' + number(lanes.rate) + ' steps/s' : 'stopped';
    last = now;
  }

  // A line chart over the window: time on x, values on y (linear from 0, or logarithmic), a legend on top.
  // A bounded quantity (a percentage) passes its bound as ceiling: the axis never goes past it.
  function draw(canvas, lines, logarithmic, ceiling) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const g = canvas.getContext('2d');
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, height);
    const left = 58;
    const right = width - 8;
    const top = 22;
    const bottom = height - 18;
    const end = Date.now();
    const start = end - WINDOW_SECONDS * 1000;
    const values = lines.flatMap((l) => l.points.map((p) => p.v)).filter((v) => v > 0 || !logarithmic);
    let low = logarithmic ? Math.pow(10, Math.floor(Math.log10(Math.min(...values, 1)))) : 0;
    let high = Math.max(...values, logarithmic ? 10 : 1);
    high = logarithmic ? Math.pow(10, Math.ceil(Math.log10(high))) : high * 1.15;
    if (ceiling !== undefined) {
      high = ceiling;
    }
    const y = (v) => {
      if (logarithmic) {
        const clamped = Math.max(v, low);
        return bottom - (Math.log10(clamped) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) * (bottom - top);
      }
      return bottom - v / high * (bottom - top);
    };
    const x = (t) => left + (t - start) / (end - start) * (right - left);
    g.font = '11px system-ui, sans-serif';
    g.strokeStyle = '#26303a';
    g.fillStyle = '#8aa4bd';
    const ticks = logarithmic ? [] : [0, high / 3, 2 * high / 3, high];
    if (logarithmic) {
      for (let v = low; v <= high; v *= 10) {
        ticks.push(v);
      }
    }
    for (const v of ticks) {
      g.beginPath();
      g.moveTo(left, y(v));
      g.lineTo(right, y(v));
      g.stroke();
      g.fillText(v >= 1000 ? number(v) : String(Math.round(v * 100) / 100), 4, y(v) + 4);
    }
    g.fillText('-' + WINDOW_SECONDS + ' s', left, height - 4);
    g.fillText('now', right - 20, height - 4);
    let legend = left;
    for (const l of lines) {
      g.strokeStyle = l.color;
      g.setLineDash(l.dash);
      g.lineWidth = 1.6;
      g.beginPath();
      let drawn = false;
      let previous = null;
      for (const p of l.points) {
        // A gap of more than two polls (a lane not running) breaks the line.
        if (!drawn || (previous && p.t - previous.t > 2500)) {
          g.moveTo(x(p.t), y(p.v));
        } else {
          g.lineTo(x(p.t), y(p.v));
        }
        drawn = true;
        previous = p;
      }
      g.stroke();
      g.beginPath();
      g.moveTo(legend, 10);
      g.lineTo(legend + 16, 10);
      g.stroke();
      g.setLineDash([]);
      g.fillStyle = '#b8c4d0';
      g.fillText(l.label, legend + 20, 14);
      legend += 28 + g.measureText(l.label).width;
    }
    canvas.dataset.points = String(lines.reduce((sum, l) => sum + l.points.length, 0));
    canvas.dataset.high = String(high);
  }

  function drawAll() {
    draw($('chart-rate'), series.rate, false);
    draw($('chart-latency'), series.latency, true);
    draw($('chart-bytes'), series.bytes, true);
    draw($('chart-gc'), series.gc, false);
    draw($('chart-ring'), series.ring, false, 100);
  }

  async function poll() {
    try {
      const time = Date.now();
      const seconds = last ? (time - last.time) / 1000 : 0;
      const [report, lanes] = await Promise.all([json('/actuator/zerogcevents'), json('/api/lanes')]);
      renderTypes(report, seconds, time);
      renderRing(report.ring, time);
      renderPools(report.pools);
      renderKafka(report.kafka);
      renderLanes(report, lanes, time, seconds);
      drawAll();
      $('status').textContent = 'Updated ' + new Date(time).toLocaleTimeString();
    } catch (e) {
      $('status').textContent = 'Poll failed: ' + e.message;
    }
  }

  async function command(url, options) {
    const response = await fetch(url, options);
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      $('status').textContent = (problem.detail || ('HTTP ' + response.status));
      return;
    }
    await poll();
  }

  $('start').addEventListener('click', () => command('/api/traffic/start?rate=' + encodeURIComponent($('rate').value)
    + '&lane=' + encodeURIComponent($('lane').value), { method: 'POST' }));
  $('stop').addEventListener('click', () => command('/api/traffic/stop', { method: 'POST' }));
  $('reset').addEventListener('click', () => command('/actuator/zerogcevents', { method: 'DELETE' }));
  // This browser's own feed: a run-time subscription on the server, opened with the stream, closed with it.
  function followPrices() {
    const feed = new EventSource('/api/prices');
    feed.addEventListener('prices', (message) => {
      const body = document.querySelector('#prices tbody');
      body.replaceChildren();
      for (const price of JSON.parse(message.data)) {
        const row = document.createElement('tr');
        row.dataset.symbol = price.symbol;
        row.append(cell(price.symbol), cell(price.priceCents ? (price.priceCents / 100).toFixed(2) : '-', 'price'),
          cell(number(price.ticks * 2), 'ticks'));
        body.append(row);
      }
    });
    window.addEventListener('beforeunload', () => feed.close());
  }

  followPrices();
  poll();
  setInterval(poll, 1000);
}());
