// Reads {"secret", "now", "messages": [{"id", "timestamp", "signature", "body"}]} on stdin and prints, for each
// message, the payload's type when the Standard Webhooks reference library accepts its signature, else "INVALID: …".
// "now" (epoch seconds) is Warden's clock in the test, so that the library's timestamp tolerance is checked against it.
const { Webhook } = require("standardwebhooks");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  Date.now = () => request.now * 1000;
  const webhook = new Webhook(request.secret);
  const results = request.messages.map((m) => {
    try {
      const payload = webhook.verify(m.body, {
        "webhook-id": m.id,
        "webhook-timestamp": m.timestamp,
        "webhook-signature": m.signature,
      });
      return payload.type;
    } catch (e) {
      return "INVALID: " + e.message;
    }
  });
  process.stdout.write(JSON.stringify(results));
});
