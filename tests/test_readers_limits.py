"""Limits a reader keeps before it parses: gunzip counting records (``digest.readers.unpack``),
and the mail scan the stdlib parser needs (``digest.readers.maillimits``), at the entry
points of every mail input: an .eml, each message of an .mbox, of a Maildir, of IMAP."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from digest.errors import SkipFile
from digest.readers import read_bytes
from digest.readers.maillimits import MailTooComplex, Shape, scan
from digest.readers.unpack import RECORDS, TooLarge, check_records, gunzip
from tests import hostile
from tests.conftest import CORPUS

LINES = RECORDS[".jsonl"]
REAL = sorted((CORPUS / "real-inputs-dev" / "eml").glob("*.eml"))

# --- gunzip within a byte and a record limit ---------------------------------------------


def test_a_normal_file_unpacks() -> None:
    data = b'{"title": "T", "text": "Text"}\n' * 1000
    assert gunzip(gzip.compress(data), max_bytes=1 << 20, records=LINES) == data


def test_members_that_follow_each_other_are_all_read() -> None:
    assert gunzip(gzip.compress(b"a\n") + gzip.compress(b"b\n"), max_bytes=100) == b"a\nb\n"


def test_450_mb_of_empty_records_stop_at_the_record_limit_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(TooLarge, match=r"^holds more than 100,000 lines$"):
        gunzip(hostile.empty_records_gz(450), max_bytes=500 << 20, records=LINES)
    assert time.perf_counter() - started < 0.5


def test_lines_count_only_for_kinds_of_records() -> None:
    text = b"Zeile\n" * 150_000  # a long hard-wrapped text is one article, not 150,000
    assert gunzip(gzip.compress(text), max_bytes=5 << 20) == text


def test_the_byte_limit_holds_too() -> None:
    data = gzip.compress(b"x" * 3_000_000)
    with pytest.raises(TooLarge, match=r"more than 1,000,000 bytes"):
        gunzip(data, max_bytes=1_000_000)


@pytest.mark.parametrize("data", [b"not gzip", gzip.compress(b"abc" * 1000)[:-30]])
def test_broken_gzip_is_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a valid gzip file"):
        gunzip(data, max_bytes=1 << 20)


def test_plain_data_is_counted_too() -> None:
    check_records(b"{}\n" * 10, LINES)
    with pytest.raises(TooLarge, match="more than 5 lines"):
        check_records(b"{}\n" * 6, LINES, max_records=5)


def test_a_mailbox_counts_its_messages() -> None:
    mbox = hostile.mbox_of(*[hostile.simple_mail()] * 4)
    check_records(mbox, RECORDS[".mbox"], max_records=4)
    with pytest.raises(TooLarge, match=r"^holds more than 3 messages$"):
        check_records(mbox, RECORDS[".mbox"], max_records=3)


def test_the_reader_skips_a_jsonl_gz_of_too_many_records() -> None:
    with pytest.raises(SkipFile, match=r"^holds more than 100,000 lines$"):
        read_bytes(hostile.empty_records_gz(2), "nacht.jsonl.gz")


# --- the mail scan -------------------------------------------------------------------------


@pytest.mark.skipif(not REAL, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_mails_pass(path: Path) -> None:
    shape = scan(path.read_bytes())
    assert 1 <= shape.depth <= 3 and shape.parts <= 16


def test_a_plain_letter_is_one_level_one_part() -> None:
    assert scan(hostile.simple_mail()) == Shape(depth=1, parts=1)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (hostile.nested_multipart(5_000), "MIME parts nested more than 100 deep"),
        (hostile.nested_rfc822(3_000), "MIME parts nested more than 100 deep"),
        (hostile.mime_parameters(20_000),
         "more than 100 parameters in one mail header (Content-Type)"),
        (hostile.encoded_word_from(1_400_000),
         "mail header larger than 102,400 bytes (From: 1,400,008 bytes)"),
        (hostile.parens_from(2_000),
         "comments nested more than 100 deep in one mail header (From)"),
    ],
    ids=["multipart", "rfc822", "parameters", "encoded-words", "comments"],
)  # fmt: skip
def test_hostile_mails_are_refused_with_a_reason_at_once(data: bytes, reason: str) -> None:
    started = time.perf_counter()
    with pytest.raises(MailTooComplex) as caught:
        scan(data)
    assert str(caught.value) == reason
    assert time.perf_counter() - started < 0.5


def test_a_folded_header_counts_all_its_lines() -> None:
    fold = "".join(f"\n =?utf-8?q?R=C3=A4t_{n}?=" for n in range(6_000))
    data = f"From: Rat{fold} <a@example.org>\nSubject: x\n\nText\n".encode()
    with pytest.raises(MailTooComplex, match=r"^mail header larger than 102,400 bytes \(From: "):
        scan(data)


def test_semicolons_in_quotes_are_not_parameters() -> None:
    name = ";" * 500
    data = f'From: a@example.org\nContent-Type: text/plain; name="{name}"\n\nText\n'.encode()
    assert scan(data).depth == 1


def test_parentheses_in_a_subject_or_in_quotes_are_no_comments() -> None:
    opening = "(" * 300
    data = (f'From: "Rat {opening}" <a@example.org>\nSubject: {opening}\n\nText\n').encode()
    assert scan(data) == Shape(depth=1, parts=1)


def test_a_header_block_without_an_end_is_checked_too() -> None:
    with pytest.raises(MailTooComplex, match="comments nested"):
        scan(("From: " + "(" * 200 + "a@example.org").encode())


def test_99_levels_pass() -> None:
    assert scan(hostile.nested_multipart(98)).depth == 99


@pytest.mark.parametrize("name", ["brief.eml", "brief.eml.gz"])
def test_the_mail_reader_skips_a_hostile_eml_with_the_reason(name: str) -> None:
    data = hostile.nested_multipart(500)
    data = gzip.compress(data) if name.endswith(".gz") else data
    with pytest.raises(SkipFile, match=r"^MIME parts nested more than 100 deep$"):
        read_bytes(data, name)


def test_one_hostile_message_costs_a_mailbox_only_itself() -> None:
    mbox = hostile.mbox_of(hostile.parens_from(2_000), hostile.simple_mail(),
                           hostile.mime_parameters(20_000))  # fmt: skip
    [letter] = read_bytes(mbox, "postfach.mbox")
    assert "Kämmerer" in letter.text
