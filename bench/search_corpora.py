"""Log lines of every system issue 17 lists, with the timestamp's span known.

``python -m bench.search_corpora`` writes bench/corpora/logs_<system>.txt
(the part the rule was tuned on); ``--held-back`` writes
bench/corpora_heldback/logs_<system>.txt from another seed (never looked
at while tuning).  Each line of a file is ``start<TAB>end<TAB>line``: the
generator puts the timestamp at ``line[start:end]`` and knows it, so the
expected span is known by construction, not by running fastdt.

The expected span is what a person reading the log would mark, with one
exception forced by ``m.datetime == parse(m.group())``: Apache's and
HAProxy's ``10/Oct/2000:13:55:36 -0700`` is refused by dateutil's grammar
(the colon joint), so the span there is the date ``10/Oct/2000``.
"""
import datetime as dt
import os
import random
import sys
import warnings

SEED = 20170417
HELD_BACK_SEED = 19991231
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS_DIR = os.path.join(HERE, "corpora")
HELD_BACK_DIR = os.path.join(HERE, "corpora_heldback")
LINES = 400

MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
LEVELS = ["INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL", "NOTICE"]
HOSTS = ["combo", "web01", "db-3", "mymachine.example.com", "localhost", "node7"]
PROGS = ["sshd", "kernel", "cron", "su", "systemd", "postfix/smtpd", "haproxy", "dhclient"]
WORDS = ["connection", "from", "user", "root", "failed", "session", "opened", "closed",
         "block", "for", "terminating", "received", "request", "in", "state", "error",
         "timeout", "after", "retry", "done", "Starting", "worker", "pid", "port"]
CLASSES = ["org.apache.hadoop.mapreduce.v2.app.MRAppMaster", "dfs.DataNode$PacketResponder",
           "org.apache.zookeeper.server.NIOServerCnxn", "executor.Executor",
           "storage.BlockManager", "main.py", "urllib3.connectionpool"]


def _when(rng):
    return dt.datetime(rng.randint(2000, 2030), rng.randint(1, 12), rng.randint(1, 28),
                       rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                       rng.randint(0, 999999))


def _message(rng, numbers=True):
    """Free text that may hold numbers, levels, addresses, ratios."""
    parts = []
    for _ in range(rng.randint(2, 9)):
        pick = rng.random()
        if numbers and pick < 0.15:
            parts.append(str(rng.randint(0, 99999)))
        elif numbers and pick < 0.2:
            parts.append("%d.%d.%d.%d" % tuple(rng.randint(0, 255) for _ in range(4)))
        elif numbers and pick < 0.23:
            parts.append("%d/%d" % (rng.randint(0, 99), rng.randint(1, 99)))
        elif pick < 0.28:
            parts.append(rng.choice(LEVELS))
        else:
            parts.append(rng.choice(WORDS))
    return " ".join(parts)


def _line(prefix, stamp, rest):
    return (len(prefix), len(prefix) + len(stamp), prefix + stamp + rest)


def syslog3164(rng):
    t = _when(rng)
    pri = "<%d>" % rng.randint(0, 191) if rng.random() < 0.3 else ""
    stamp = "%s %2d %02d:%02d:%02d" % (MON[t.month - 1], t.day, t.hour, t.minute, t.second)
    return _line(pri, stamp, " %s %s[%d]: %s" % (rng.choice(HOSTS), rng.choice(PROGS),
                                                 rng.randint(1, 65535), _message(rng)))


def syslog5424(rng):
    t = _when(rng)
    frac = rng.choice(["", ".%03d" % (t.microsecond // 1000), ".%06d" % t.microsecond])
    zone = rng.choice(["Z", "+00:00", "-07:00", "+05:30"])
    stamp = t.strftime("%Y-%m-%dT%H:%M:%S") + frac + zone
    return _line("<%d>1 " % rng.randint(0, 191), stamp,
                 " %s %s %d ID%d - %s" % (rng.choice(HOSTS), rng.choice(PROGS),
                                          rng.randint(1, 9999), rng.randint(1, 99),
                                          _message(rng)))


def apache_access(rng):
    t = _when(rng)
    ip = "%d.%d.%d.%d" % tuple(rng.randint(1, 254) for _ in range(4))
    date = "%02d/%s/%d" % (t.day, MON[t.month - 1], t.year)
    rest = ':%02d:%02d:%02d %s] "GET /%s HTTP/1.1" %d %d' % (
        t.hour, t.minute, t.second, rng.choice(["-0700", "+0000", "+0200"]),
        rng.choice(WORDS), rng.choice([200, 304, 404, 500]), rng.randint(0, 99999))
    return _line("%s - %s [" % (ip, rng.choice(["-", "frank", "bob"])), date, rest)


def apache_error(rng):
    t = _when(rng)
    if rng.random() < 0.5:       # Apache 2.2
        stamp = t.strftime("%a %b %d %H:%M:%S %Y")
    else:                        # Apache 2.4: microseconds
        stamp = t.strftime("%a %b %d %H:%M:%S.%f %Y")
    return _line("[", stamp, "] [%s] [pid %d] mod_jk child workerEnv in error state %d"
                 % (rng.choice(["error", "notice", "core:error"]), rng.randint(1, 99999),
                    rng.randint(1, 9)))


def nginx_error(rng):
    t = _when(rng)
    return _line("", t.strftime("%Y/%m/%d %H:%M:%S"),
                 " [%s] %d#%d: *%d %s" % (rng.choice(["error", "warn", "crit"]),
                                          rng.randint(1, 99999), rng.randint(0, 9),
                                          rng.randint(1, 999), _message(rng)))


def log4j(rng):
    """Hadoop / Spark driver logs: ``yyyy-MM-dd HH:mm:ss,SSS LEVEL [thread] class``."""
    t = _when(rng)
    stamp = t.strftime("%Y-%m-%d %H:%M:%S") + ",%03d" % (t.microsecond // 1000)
    return _line("", stamp, " %s [%s] %s: %s" % (rng.choice(LEVELS), rng.choice(
        ["main", "IPC Server handler 3", "RMCommunicator"]), rng.choice(CLASSES),
        _message(rng)))


def zookeeper(rng):
    t = _when(rng)
    stamp = t.strftime("%Y-%m-%d %H:%M:%S") + ",%03d" % (t.microsecond // 1000)
    return _line("", stamp, " - %-5s [QuorumPeer[myid=%d]/0:0:0:0:0:0:0:0:2181:"
                 "FastLeaderElection@%d] - %s" % (rng.choice(LEVELS), rng.randint(1, 5),
                                                 rng.randint(1, 999), _message(rng)))


def spark(rng):
    t = _when(rng)
    return _line("", t.strftime("%y/%m/%d %H:%M:%S"),
                 " %s %s: %s" % (rng.choice(LEVELS), rng.choice(CLASSES), _message(rng)))


def python_logging(rng):
    t = _when(rng)
    stamp = t.strftime("%Y-%m-%d %H:%M:%S") + ",%03d" % (t.microsecond // 1000)
    sep = rng.choice([" - ", " ", ":"])
    return _line("", stamp, "%s%s%s%s - %s" % (sep, rng.choice(["root", "app.db", "urllib3"]),
                                               sep, rng.choice(LEVELS), _message(rng)))


def logcat(rng):
    t = _when(rng)
    stamp = t.strftime("%m-%d %H:%M:%S") + ".%03d" % (t.microsecond // 1000)
    return _line("", stamp, "  %d  %d %s %s: %s" % (rng.randint(100, 9999),
                                                     rng.randint(100, 9999),
                                                     rng.choice("VDIWEF"),
                                                     rng.choice(["WindowManager",
                                                                 "ActivityManager"]),
                                                     _message(rng)))


def windows_cbs(rng):
    t = _when(rng)
    return _line("", t.strftime("%Y-%m-%d %H:%M:%S"),
                 ", %-5s                 CBS    %s" % (rng.choice(["Info", "Error"]),
                                                      _message(rng)))


def windows_event(rng):
    t = _when(rng)
    hour = t.hour % 12 or 12
    stamp = "%d/%d/%d %d:%02d:%02d %s" % (t.month, t.day, t.year, hour, t.minute, t.second,
                                          "AM" if t.hour < 12 else "PM")
    return _line(rng.choice(["Information", "Warning", "Error"]) + "\t", stamp,
                 "\tService Control Manager\t%d\tNone\t%s" % (rng.randint(1000, 9999),
                                                               _message(rng)))


def journald(rng):
    t = _when(rng)
    stamp = "%s %02d %02d:%02d:%02d" % (MON[t.month - 1], t.day, t.hour, t.minute, t.second)
    return _line("", stamp, " %s %s[%d]: %s" % (rng.choice(HOSTS), rng.choice(PROGS),
                                                rng.randint(1, 65535), _message(rng)))


def golog(rng):
    t = _when(rng)
    stamp = t.strftime("%Y/%m/%d %H:%M:%S")
    if rng.random() < 0.5:
        stamp += ".%06d" % t.microsecond
    return _line("", stamp, " %s" % _message(rng))


def klog(rng):
    """klog's ``Lmmdd hh:mm:ss.uuuuuu``: the month and day are glued to the
    level letter, and dateutil reads a lone four-digit run as a year, so
    the span is the time (its value: today's date, as parse gives)."""
    t = _when(rng)
    return _line("%s%02d%02d " % (rng.choice("IWEF"), t.month, t.day),
                 t.strftime("%H:%M:%S.%f"),
                 "%8d %s.go:%d] %s" % (rng.randint(1, 99999), rng.choice(["controller", "main"]),
                                       rng.randint(1, 999), _message(rng)))


def haproxy(rng):
    t = _when(rng)
    stamp = "%s %2d %02d:%02d:%02d" % (MON[t.month - 1], t.day, t.hour, t.minute, t.second)
    return _line("", stamp, " localhost haproxy[%d]: %d.%d.%d.%d:%d [%02d/%s/%d:%02d:%02d:"
                 "%02d.%03d] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 "
                 "0/0 \"GET /index.html HTTP/1.1\""
                 % ((rng.randint(1, 65535),) + tuple(rng.randint(1, 254) for _ in range(4))
                    + (rng.randint(1024, 65535), t.day, MON[t.month - 1], t.year, t.hour,
                       t.minute, t.second, t.microsecond // 1000)))


def rfc2822(rng):
    t = _when(rng)
    stamp = "%s, %d %s %d %02d:%02d:%02d %s" % (DAY[t.weekday()], t.day, MON[t.month - 1],
                                                t.year, t.hour, t.minute, t.second,
                                                rng.choice(["+0200", "-0700", "+0000"]))
    prefix = rng.choice(["Date: ", "Received: from mail.example.com by mx1; ",
                         "> On ", "Resent-Date: "])
    return _line(prefix, stamp, rng.choice(["", " (PDT)", " wrote:"]))


def hdfs(rng):
    t = _when(rng)
    return _line("", t.strftime("%y%m%d %H%M%S"),
                 " %d %s dfs.DataNode$PacketResponder: %s" % (rng.randint(1, 999),
                                                              rng.choice(LEVELS),
                                                              _message(rng)))


SYSTEMS = {
    "syslog3164": syslog3164, "syslog5424": syslog5424, "apache_access": apache_access,
    "apache_error": apache_error, "nginx_error": nginx_error, "log4j_hadoop": log4j,
    "zookeeper": zookeeper, "spark": spark, "python_logging": python_logging,
    "logcat": logcat, "windows_cbs": windows_cbs, "windows_event": windows_event,
    "journald": journald, "golog": golog, "klog": klog, "haproxy": haproxy,
    "rfc2822_mail": rfc2822, "hdfs": hdfs,
}


def _readable(stamp):
    """dateutil (the oracle, not fastdt) reads the stamp: "00/08/20" (Spark
    in 2000) is month 0 to it, and such a line has no timestamp to find."""
    from dateutil.parser import parse
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parse(stamp)
        except (ValueError, OverflowError):
            return False
    return True


def generate(system, seed, n=LINES):
    """``n`` lines ``(start, end, line)`` of ``system`` from ``seed``, each
    one whose stamp dateutil reads."""
    rng = random.Random("%s:%d" % (system, seed))
    out = []
    while len(out) < n:
        start, end, line = SYSTEMS[system](rng)
        if _readable(line[start:end]):
            out.append((start, end, line))
    return out


def load(system, held_back=False):
    """The stored lines of ``system``: ``[(start, end, line), ...]``."""
    path = os.path.join(HELD_BACK_DIR if held_back else CORPUS_DIR, "logs_%s.txt" % system)
    out = []
    with open(path, encoding="utf-8") as f:
        for row in f:
            if row.startswith("#"):
                continue
            start, end, line = row.rstrip("\n").split("\t", 2)
            out.append((int(start), int(end), line))
    return out


def write(held_back=False):
    directory = HELD_BACK_DIR if held_back else CORPUS_DIR
    seed = HELD_BACK_SEED if held_back else SEED
    for system in SYSTEMS:
        with open(os.path.join(directory, "logs_%s.txt" % system), "w", encoding="utf-8") as f:
            f.write("# generated by bench/search_corpora.py (seed %d); start<TAB>end<TAB>line\n"
                    % seed)
            for start, end, line in generate(system, seed):
                f.write("%d\t%d\t%s\n" % (start, end, line))


if __name__ == "__main__":
    write(held_back="--held-back" in sys.argv[1:])
