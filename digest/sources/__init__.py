"""Where inputs come from: files, folders, Maildirs, feeds and IMAP folders, as ``Input``s.

A source knows where an input lives and how to fetch its bytes, not what they mean: the
readers (``digest.readers``) decode them by kind. Files are loaded one at a time, when
read, so a night of thousands of files never sits in memory at once; what comes over the
network (a feed, a mailbox's messages) is fetched first, a few connections at once.

A configured input (``digest.config.inputs.InputSpec``) that fails as a whole is one
warning and one ``Skipped`` entry naming it; the others go on (``gather``).

What identifies an article across nights (``Article.keys``, for the memory of earlier
issues): the id its input gives it (a feed entry's guid, a mail's Message-ID), its URL,
and a hash of its text; a short item its text's hash.
"""

from __future__ import annotations

from digest.sources.gathering import Gathered, Options, Progress, gather
from digest.sources.input import Input, SourceError, file_input

__all__ = ["Gathered", "Input", "Options", "Progress", "SourceError", "file_input", "gather"]
