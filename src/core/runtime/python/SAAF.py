"""FaaS Lab's SAAF-compatible Inspector: ``from SAAF import Inspector`` works without shipping SAAF.

Same public API, field names and units as SAAF's Python Inspector (wlloyduw/SAAF, version 0.7):
CPU times in ms (``/proc/stat`` ticks x 1000 / CLK_TCK), memory in kB as ``/proc/meminfo`` gives
it, times as epoch ms, ``bootTime`` in epoch seconds. A file of your own named SAAF.py, beside the
handler or in ``includes_<name>/``, is shipped instead of this one.

The container identity is SAAF's: a ``container-id`` file in the temporary folder (``$TMPDIR``
when set, else ``/tmp``), so it survives as long as the instance does.
"""

import os
import time

_CPU_STATES = ("cpuUser", "cpuNice", "cpuKernel", "cpuIdle", "cpuIOWait", "cpuIrq", "cpuSoftIrq", "cpuSteal", "cpuGuest", "cpuGuestNice")
# SAAF's AWS Lambda CPU share: one vCPU per 1792 MB of memory.
_MB_PER_VCPU = 1792

_invocations = 0
_initialization_time = int(round(time.time() * 1000))


def _now_ms():
    return int(round(time.time() * 1000))


def _read(path):
    try:
        with open(path, "r") as f:
            return f.read()
    except OSError:
        return None


def _ms_per_tick():
    try:
        return 1000.0 / os.sysconf("SC_CLK_TCK")
    except (ValueError, OSError, AttributeError):
        return 10.0  # USER_HZ is 100 on every Linux ABI


def _container_file():
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", "container-id")


def _counters(text):
    """`name value` lines (/proc/vmstat) as a dict of ints."""
    out = {}
    for line in (text or "").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].lstrip("-").isdigit():
            out[parts[0]] = int(parts[1])
    return out


def _cpu_blocks(text):
    """/proc/cpuinfo as one dict per processor; keys with spaces become underscores, as SAAF writes them."""
    blocks, block = [], {}
    for line in (text or "").splitlines():
        if not line.strip():
            if block:
                blocks.append(block)
            block = {}
            continue
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key = key.strip().replace(" ", "_")
        if key == "power_management":
            continue
        value = value.strip()
        block[key] = value.split(" ") if key in ("flags", "bugs", "Features") else value
    if block:
        blocks.append(block)
    return blocks


class Inspector:
    """Collects SAAF's attributes for one call; ``finish()`` returns them as a dict."""

    def __init__(self):
        global _invocations
        _invocations += 1
        self.__startTime = _now_ms()
        self.__attributes = {
            "version": 0.7,
            "lang": "python",
            "startTime": self.__startTime,
            "invocations": _invocations,
            "initializationTime": _initialization_time,
        }
        self.__cpuPolls = []
        self.__inspected = set()

    def inspectContainer(self):
        """uuid and newcontainer (1 the first time this instance's temporary folder is seen)."""
        self.__inspected.add("container")
        path = _container_file()
        try:
            with open(path, "r") as f:
                self.__attributes["uuid"] = f.readline()
            self.__attributes["newcontainer"] = 0
        except OSError:
            import uuid

            stamp = str(uuid.uuid4())
            with open(path, "w") as f:
                f.write(stamp)
            self.__attributes["uuid"] = stamp
            self.__attributes["newcontainer"] = 1

    def inspectCPUInfo(self):
        """cpuType, cpuModel, architecture, cpuCores and cpuInfo (one dict per processor)."""
        blocks = _cpu_blocks(_read("/proc/cpuinfo"))
        if not blocks:
            return
        if "model_name" in blocks[0]:
            self.__attributes["cpuType"] = blocks[0]["model_name"]
            if "model" in blocks[0]:
                self.__attributes["cpuModel"] = blocks[0]["model"]
            self.__attributes["architecture"] = "x86"
        else:
            if "Model" in blocks[-1]:
                self.__attributes["cpuModel"] = blocks[-1]["Model"]
            self.__attributes["architecture"] = "arm64"
        processors = [b for b in blocks if "processor" in b]
        self.__attributes["cpuCores"] = len(processors)
        self.__attributes["cpuInfo"] = processors

    def __pollCPU(self):
        text = _read("/proc/stat")
        if text is None:
            return None
        tick_ms = _ms_per_tick()
        poll = {"time": _now_ms()}
        for line in text.splitlines():
            parts = line.split()
            if not parts:
                continue
            if parts[0].startswith("cpu"):
                name = "cpuTotal" if parts[0] == "cpu" else parts[0]
                poll[name] = {state: int(v) * tick_ms for state, v in zip(_CPU_STATES, parts[1:])}
            elif len(parts) >= 2 and parts[1].isdigit():
                poll[parts[0]] = int(parts[1])
        self.__cpuPolls.append(poll)
        return poll

    def inspectCPU(self):
        """Machine-wide CPU time since boot per state (cpuUser ... cpuGuestNice), in ms; bootTime."""
        self.__inspected.add("cpu")
        poll = self.__pollCPU()
        if poll is None:
            return
        self.__attributes.update(poll.get("cpuTotal", {}))
        if "btime" in poll:
            self.__attributes["bootTime"] = poll["btime"]

    def inspectCPUDelta(self):
        """cpuUserDelta ... cpuGuestNiceDelta: CPU time per state since inspectCPU, in ms."""
        if "cpu" not in self.__inspected or not self.__cpuPolls:
            self.__attributes["SAAFCPUDeltaError"] = "CPU not inspected before collecting deltas!"
            return
        self.__inspected.add("cpuDelta")
        poll = self.__pollCPU()
        before, after = self.__cpuPolls[0].get("cpuTotal", {}), poll.get("cpuTotal", {}) if poll else {}
        for state in _CPU_STATES:
            if state in before and state in after:
                self.__attributes[state + "Delta"] = after[state] - before[state]

    def processCPUPolls(self):
        """cpuPolls: every /proc/stat poll taken (per-CPU times in ms, counters as written)."""
        self.__attributes["cpuPolls"] = self.__cpuPolls

    def inspectMemory(self):
        """totalMemory and freeMemory in kB; pageFaults and majorPageFaults since boot."""
        self.__inspected.add("memory")
        for line in (_read("/proc/meminfo") or "").splitlines():
            key, _, value = line.partition(":")
            if key in ("MemTotal", "MemFree"):
                self.__attributes["totalMemory" if key == "MemTotal" else "freeMemory"] = int(value.split()[0])
        for name, count in self.__pageFaults("SAAFMemoryError"):
            self.__attributes[name] = count

    def __pageFaults(self, error_key):
        """(pageFaults, n) and (majorPageFaults, n) from /proc/vmstat; none, and error_key set, without it."""
        vmstat = _read("/proc/vmstat")
        if vmstat is None:
            self.__attributes[error_key] = "/proc/vmstat does not exist!"
            return []
        counters = _counters(vmstat)
        return [(name, counters[key]) for key, name in (("pgfault", "pageFaults"), ("pgmajfault", "majorPageFaults")) if key in counters]

    def inspectMemoryDelta(self):
        """pageFaultsDelta and majorPageFaultsDelta since inspectMemory."""
        if "memory" not in self.__inspected:
            self.__attributes["SAAFMemoryDeltaError"] = "Memory not inspected before collecting deltas!"
            return
        for name, count in self.__pageFaults("SAAFMemoryDeltaError"):
            if name in self.__attributes:
                self.__attributes[name + "Delta"] = count - self.__attributes[name]

    def inspectPlatform(self):
        """platform, and what it says of the function: functionName, functionMemory, functionRegion, ..."""
        self.__inspected.add("platform")
        env = os.environ
        a = self.__attributes
        if env.get("AWS_LAMBDA_LOG_STREAM_NAME"):
            a["platform"] = "AWS Lambda"
            a["containerID"] = env["AWS_LAMBDA_LOG_STREAM_NAME"]
            a["functionName"] = env.get("AWS_LAMBDA_FUNCTION_NAME")
            a["functionMemory"] = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
            a["functionRegion"] = env.get("AWS_REGION")
            cgroup = _read("/proc/self/cgroup") or ""
            at = cgroup.find("sandbox-root-")
            if at >= 0:
                a["vmID"] = cgroup[at + 13 : at + 19]
        elif env.get("X_GOOGLE_FUNCTION_NAME") or env.get("K_SERVICE"):
            a.update(
                platform="Google Cloud Functions",
                functionName=env.get("X_GOOGLE_FUNCTION_NAME") or env.get("K_SERVICE"),
                functionMemory=env.get("X_GOOGLE_FUNCTION_MEMORY_MB"),
                functionRegion=env.get("X_GOOGLE_FUNCTION_REGION") or env.get("FUNCTION_REGION"),
            )
        elif env.get("__OW_ACTION_NAME"):
            a.update(platform="IBM Cloud Functions", functionName=env["__OW_ACTION_NAME"], functionRegion=env.get("__OW_API_HOST"))
            vm = _read("/sys/hypervisor/uuid")
            if vm:
                a["vmID"] = vm.strip()
        elif env.get("CONTAINER_NAME"):
            a.update(
                platform="Azure Functions",
                containerID=env["CONTAINER_NAME"],
                functionName=env.get("WEBSITE_SITE_NAME"),
                functionRegion=env.get("Location") or env.get("REGION_NAME"),
            )
        elif env.get("FAASLAB_FUNCTION_NAME"):
            a.update(platform="FaaS Lab", functionName=env["FAASLAB_FUNCTION_NAME"], functionMemory=env.get("FAASLAB_MEMORY_MB"))
        elif env.get("KUBERNETES_SERVICE_PORT_HTTPS"):
            a.update(platform="OpenFaaS EKS", host_name=env.get("HOSTNAME"))
        else:
            a["platform"] = "Unknown Platform"

    def __recommendConfiguration(self):
        a = self.__attributes
        if not {"platform", "cpuDelta"} <= self.__inspected:
            a["SAAFRecommendConfigurationError"] = "CPU, CPU Delta, and Platform must be inspected before recommending a configuration!"
            return
        if a.get("platform") != "AWS Lambda":
            return
        try:
            available = int(a["functionMemory"]) / _MB_PER_VCPU
            utilized = (a["cpuUserDelta"] + a["cpuKernelDelta"]) / max(a["userRuntime"], 1)
        except (KeyError, TypeError, ValueError) as exc:
            a["SAAFRecommendConfigurationError"] = "Unable to recommend a configuration. " + str(exc)
            return
        a["availableCPUs"] = round(available, 3)
        a["utilizedCPUs"] = round(utilized, 3)
        # A saturated function gets 10% more CPU; otherwise the memory that buys what it used.
        wanted = available * 1.1 if available - utilized < 0.1 else utilized
        a["recommendedMemory"] = min(max(int(round(wanted * _MB_PER_VCPU)), 128), 10240)

    def inspectLinux(self):
        """linuxVersion: what `uname -a` prints."""
        self.__inspected.add("linux")
        try:
            import subprocess

            out = subprocess.run(["uname", "-a"], capture_output=True, text=True, timeout=5).stdout.strip()
        except Exception:  # noqa: BLE001 -- no uname binary: build the line from os.uname()
            out = ""
        if not out and hasattr(os, "uname"):
            u = os.uname()
            out = " ".join((u.sysname, u.nodename, u.release, u.version, u.machine))
        self.__attributes["linuxVersion"] = out

    def inspectAll(self):
        """Every inspect method, then frameworkRuntime (ms spent in them since the Inspector was made)."""
        self.inspectContainer()
        self.inspectCPUInfo()
        self.inspectPlatform()
        self.inspectLinux()
        self.inspectMemory()
        self.inspectCPU()
        self.addTimeStamp("frameworkRuntime")

    def inspectAllDeltas(self):
        """userRuntime (ms since inspectAll ended), the CPU and memory deltas, frameworkRuntimeDeltas."""
        if "frameworkRuntime" in self.__attributes:
            self.addTimeStamp("userRuntime", self.__startTime + self.__attributes["frameworkRuntime"])
        delta_start = _now_ms()
        self.inspectCPUDelta()
        self.inspectMemoryDelta()
        self.__recommendConfiguration()
        self.addTimeStamp("frameworkRuntimeDeltas", delta_start)

    def addAttribute(self, key, value):
        self.__attributes[key] = value

    def getAttribute(self, key):
        return self.__attributes[key]

    def addTimeStamp(self, key, timeSince=None):
        """key = ms from timeSince (epoch ms; default: when the Inspector was made) to now."""
        if timeSince is None:
            timeSince = self.__startTime
        self.__attributes[key] = _now_ms() - timeSince

    def consumeResponse(self, response):
        """Copies a response's fields (a dict's items, an object's public attributes) into the attributes."""
        if isinstance(response, dict):
            fields = response
        else:
            try:
                fields = {k: v for k, v in vars(response).items() if not k.startswith("_")}
            except TypeError:
                self.__attributes["SAAFConsumeReponseError"] = "There was an error consuming the response object: pass a dict or an object with attributes."
                return
        self.__attributes.update(fields)

    def finish(self, response=None):
        """runtime (ms since the Inspector was made) and endTime; returns every attribute."""
        if response is not None:
            self.consumeResponse(response)
        self.addTimeStamp("runtime")
        self.__attributes["endTime"] = _now_ms()
        return self.__attributes


__all__ = ["Inspector"]
