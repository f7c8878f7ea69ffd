"""Send an issue: one message per recipient, exactly once, through SMTP or a local command.

``digest.send.message`` builds each message from the issue files, ``transport`` hands it
over, the ``ledger`` records every state change, the ``lock`` keeps runs apart and
``hooks`` let a user look at or veto what goes out; ``run`` ties them together. ``checks``
stops placeholders from going out, ``tokens`` signs each recipient's unsubscribe link,
``unsubscribe`` is the web endpoint that honours it and ``suppression`` the list ``send``
leaves out.
"""

from __future__ import annotations

from digest.send.recipients import recipients
from digest.send.report import SendReport
from digest.send.run import (
    ChecksFailed,
    delivery_started,
    dry_run,
    dry_run_folder,
    gone_out,
    issue_folder,
    send_issue,
    send_locked,
    send_test,
)

__all__ = [
    "ChecksFailed", "SendReport", "delivery_started", "dry_run", "dry_run_folder",
    "gone_out", "issue_folder", "recipients", "send_issue", "send_locked", "send_test",
]  # fmt: skip
