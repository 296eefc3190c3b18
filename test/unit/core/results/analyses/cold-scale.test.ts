import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coldReadings, createColdSignals } from '../../../../../src/core/results/cold-signals';
import { createScaleOut } from '../../../../../src/core/results/scale-out';
import { feed, record, T0 } from './make-record';

test('cold signals: each signal counted, agreements and the disagreeing combinations tallied', () => {
  const records = [
    record({ cold: true, newcontainer: 1, initDurationMs: 200 }),
    record({ cold: false, newcontainer: 0 }),
    record({ cold: false, newcontainer: 0 }),
    // Lambda pre-warmed (provisioned) init: platform reported the init but the call found the instance warm.
    record({ cold: false, newcontainer: 0, initDurationMs: 150 }),
    // Shared /tmp: the marker survived, newcontainer says warm on a new instance.
    record({ cold: true, newcontainer: 0, initDurationMs: 180 }),
    // A platform that never reports init durations: absence says nothing there.
    record({ platform: 'gcp', cold: true, newcontainer: 1 }),
  ];
  const c = feed(createColdSignals(), records);
  assert.deepEqual(c.signals, { platform: { known: 6, cold: 3 }, newcontainer: { known: 6, cold: 2 }, initDuration: { known: 5, cold: 3 } });
  assert.equal(c.compared, 6);
  assert.equal(c.agree, 4);
  assert.deepEqual(
    c.disagreements.map((d) => [d.readings.platform, d.readings.newcontainer, d.readings.initDuration, d.calls]),
    [['warm', 'warm', 'cold', 1], ['cold', 'warm', 'cold', 1]],
  );
  assert.deepEqual(coldReadings(record({ newcontainer: 1 }), false), { platform: 'unknown', newcontainer: 'cold', initDuration: 'unknown' });
});

test('scale-out: distinct instances by uuid, first seen relative to the segment start, per step', () => {
  const records = [
    record({ clientStart: T0, roundTripMs: 100, uuid: 'a' }),
    record({ clientStart: T0 + 10, roundTripMs: 100, uuid: 'b' }),
    record({ clientStart: T0 + 50, roundTripMs: 100, uuid: 'c' }),
    record({ clientStart: T0 + 200, roundTripMs: 100, uuid: 'a' }),
    record({ step: 1, stepLoad: 8, clientStart: T0 + 1000, roundTripMs: 10, uuid: 'a' }),
    record({ step: 1, stepLoad: 8, clientStart: T0 + 1300, roundTripMs: 10, uuid: 'd' }),
  ];
  const segments = feed(createScaleOut(), records)!;
  assert.equal(segments.length, 2);
  const [run, step] = segments;
  assert.deepEqual([run.instances, run.calls, run.peakInFlight, run.timeToAllMs, run.timeTo90PctMs], [3, 4, 3, 50, 50]);
  assert.deepEqual(run.curve, [{ tMs: 0, instances: 1 }, { tMs: 10, instances: 2 }, { tMs: 50, instances: 3 }]);
  assert.deepEqual([step.step, step.stepLoad, step.instances, step.timeToAllMs, step.peakInFlight], [1, 8, 2, 300, 1]);
  assert.equal(feed(createScaleOut(), [record({})]), undefined);
});
