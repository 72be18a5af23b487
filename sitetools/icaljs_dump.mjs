// Parse .ics files with Mozilla ical.js (Thunderbird's parser) and print, as JSON,
// every VEVENT's UID and start/end as UTC epoch seconds.
// Usage: node icaljs_dump.mjs FILE...   Exit status 1 on any parse error.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const result = {};
let failed = false;
for (const file of process.argv.slice(2)) {
  try {
    const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
    for (const zone of root.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(zone);
    }
    result[file] = {
      method: root.getFirstPropertyValue("method"),
      version: root.getFirstPropertyValue("version"),
      // ical.js is lazy: touching startDate/endDate surfaces bad values.
      events: root.getAllSubcomponents("vevent").map((vevent) => {
        const event = new ICAL.Event(vevent);
        return {
          uid: event.uid,
          start: event.startDate.toUnixTime(),
          end: event.endDate.toUnixTime(),
          utc: event.startDate.zone === ICAL.Timezone.utcTimezone,
          status: vevent.getFirstPropertyValue("status"),
          organizer: vevent.getFirstPropertyValue("organizer"),
          alarms: vevent.getAllSubcomponents("valarm").length,
          summary: event.summary,
          description: event.description,
          location: event.location,
          conference: vevent.getAllProperties("conference").map((p) => ({
            value: p.getFirstValue(),
            feature: p.getParameter("feature"),
          })),
          alarmText: vevent.getAllSubcomponents("valarm").map((a) => a.getFirstPropertyValue("description")),
        };
      }),
    };
  } catch (error) {
    failed = true;
    result[file] = { error: String(error) };
  }
}
process.stdout.write(JSON.stringify(result));
process.exitCode = failed ? 1 : 0;
