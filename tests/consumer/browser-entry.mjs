// Bundled by esbuild for the browser (scripts/consumer.sh); the repo's page test loads the bundle.
import { signDelivery, verify } from "hookgate";

const delivery = signDelivery("reready", { body: '{"device_return_id":"d1","state":"complete"}' }, { secret: "ssk_1" });
window.result = verify("reready", delivery, { secret: "ssk_1" });
