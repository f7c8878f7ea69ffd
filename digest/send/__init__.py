"""Send an issue: one message per recipient, exactly once, through SMTP or a local command.

``digest.send.message`` builds each message from the issue files, ``transport`` hands it
over, the ``ledger`` records every state change, the ``lock`` keeps runs apart and
``hooks`` let a user look at or veto what goes out; ``run`` ties them together.
"""

from __future__ import annotations

from digest.send.run import (
    SendReport,
    delivery_started,
    dry_run,
    issue_folder,
    recipients,
    send_issue,
    send_locked,
    send_test,
)

__all__ = [
    "SendReport", "delivery_started", "dry_run", "issue_folder", "recipients", "send_issue",
    "send_locked", "send_test",
]  # fmt: skip
