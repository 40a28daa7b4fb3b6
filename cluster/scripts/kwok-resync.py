#!/usr/bin/env python3
"""The status sync a kubelet runs and kwok lacks, for the local cluster's simulated nodes.

kwok (v0.8.0) plays a stage once per pod event, and retries a failed write only when the API
server refused the connection, timed out or answered 503 or 429 (shouldRetry in
pkg/kwok/controllers/utils.go). While etcd restarts, the API server answers a write 500 ("rpc
error: code = Unavailable ... connection reset by peer"): kwok logs "failed to apply stage" and
never tries again, so a pod whose pod-ready write failed stays Pending with no IP until something
else changes it (bench/reliability.md, finding 13). A kubelet's status manager writes a pod's
status again on its next sync (every 10 s), so on a real node the pod would start.

This loop is that sync: every RESYNC_SECONDS it lists the scheduled Pending pods from the API
server's watch cache (resourceVersion=0, so etcd is not read) and touches, with an annotation,
each one that kept the same resourceVersion for STUCK_SECONDS without an IP: the update event makes
kwok play its stage again. It writes as kwok's own user, whom the audit policy leaves out, so the
operator's write counts do not see it.

Usage: kwok-resync.py <api server URL> <pki dir>
"""
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.request

RESYNC_SECONDS = float(os.environ.get("KWOK_RESYNC_SECONDS", "10"))
STUCK_SECONDS = float(os.environ.get("KWOK_RESYNC_STUCK_SECONDS", "30"))
ANNOTATION = "kwok.chatnet.io/resync"
PENDING = (
    "/api/v1/pods?resourceVersion=0"
    "&fieldSelector=status.phase%3DPending%2Cspec.nodeName%21%3D"
)


def log(message):
    print(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), message, flush=True)


class Api:
    def __init__(self, server, pki):
        self.server = server
        self.context = ssl.create_default_context(cafile=os.path.join(pki, "ca.crt"))
        self.context.load_cert_chain(os.path.join(pki, "kwok.crt"), os.path.join(pki, "kwok.key"))

    def call(self, path, method="GET", body=None, content_type=None):
        request = urllib.request.Request(self.server + path, method=method, data=body)
        if content_type:
            request.add_header("Content-Type", content_type)
        with urllib.request.urlopen(request, context=self.context, timeout=10) as response:
            return json.load(response)


def stuck(pod):
    """A scheduled pod kwok should have started: no IP yet, not being deleted."""
    return not pod["metadata"].get("deletionTimestamp") and not pod.get("status", {}).get("podIP")


def main():
    api = Api(sys.argv[1], sys.argv[2])
    # uid -> (resourceVersion, monotonic time it was first seen at that version)
    seen = {}
    touches = 0
    while True:
        try:
            pods = api.call(PENDING)["items"]
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(RESYNC_SECONDS)  # the API server is down or restarting: try again
            continue
        now = time.monotonic()
        current = {}
        for pod in filter(stuck, pods):
            meta = pod["metadata"]
            version, since = seen.get(meta["uid"], (None, now))
            if version != meta["resourceVersion"]:
                since = now
            current[meta["uid"]] = (meta["resourceVersion"], since)
            if now - since < STUCK_SECONDS:
                continue
            touches += 1
            patch = json.dumps({"metadata": {"annotations": {ANNOTATION: str(touches)}}})
            try:
                api.call(
                    f"/api/v1/namespaces/{meta['namespace']}/pods/{meta['name']}",
                    method="PATCH",
                    body=patch.encode(),
                    content_type="application/merge-patch+json",
                )
                log(f"touched {meta['namespace']}/{meta['name']} on {pod['spec']['nodeName']}: "
                    f"Pending without an IP for {now - since:.0f} s")
            except (urllib.error.URLError, OSError, ValueError) as e:
                log(f"could not touch {meta['namespace']}/{meta['name']}: {e}")
        seen = current
        time.sleep(RESYNC_SECONDS)


if __name__ == "__main__":
    main()
