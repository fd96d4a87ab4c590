"""pytest plugin: print the fuzz cases run per reader at the end of the session.

Registered with ``pytest_plugins = ["hardening_plugin"]`` in each fuzz module
(tests/conftest.py belongs to the lead), so it is active whenever one of them
is collected.
"""
from __future__ import annotations

SLOW_S = 2.0


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    from hardening_fuzz import EXAMPLES, STATS

    if not STATS:
        return
    tr = terminalreporter
    tr.write_sep("=", f"qualkit fuzz cases per reader (QUALKIT_FUZZ_EXAMPLES={EXAMPLES})")
    total_cases, total_s = 0, 0.0
    for reader in sorted(STATS):
        s = STATS[reader]
        total_cases += s.cases
        total_s += s.seconds
        codes = ", ".join(f"{k} {v}" for k, v in sorted(s.qk.items(), key=lambda kv: -kv[1])[:6])
        more = ", ..." if len(s.qk) > 6 else ""
        tr.write_line(f"{reader:<30} {s.cases:>6} cases  {s.ok:>5} read  {sum(s.qk.values()):>5} QK errors  "
                      f"{s.seconds:7.1f} s (slowest {s.slowest:.2f} s)  [{codes}{more}]")
        if s.known:
            tr.write_line(f"{'':<30} KNOWN BUGS (reported, not yet fixed): {s.known}")
        if s.slowest > SLOW_S:
            tr.write_line(f"{'':<30} slowest: {s.slowest_case[:300]}")
    tr.write_line(f"{'total':<30} {total_cases:>6} cases  {total_s:7.1f} s in the readers")
