"""The ``inputs`` entries: paths, feed URLs, IMAP URLs and mappings, and their error lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config.inputs import ImapAddress, InputSpec, parse_inputs, parse_string

BASE = Path("/srv/digest")


def test_mixed_entries_become_typed_specs() -> None:
    specs, problems = parse_inputs([
        "inbox", "~/feeds/", "/var/mail/Post",
        "https://www.tagesschau.de/xml/rss2/",
        "imaps://leser%40example.org@mail.example.org/Newsletter",
        {"url": "http://feeds.example/rss", "name": "Stadtbote", "full_text": True},
        {"url": "imap://leser@127.0.0.1:1143/INBOX", "password_env": "POST_PW"},
        {"path": "briefe", "name": "Briefe"},
    ], BASE, "config.yaml")  # fmt: skip
    assert problems == []
    assert specs == [
        InputSpec("path", "/srv/digest/inbox"),
        InputSpec("path", str(Path("~/feeds").expanduser())),
        InputSpec("path", "/var/mail/Post"),
        InputSpec("feed", "https://www.tagesschau.de/xml/rss2/"),
        InputSpec("imap", "imaps://leser%40example.org@mail.example.org/Newsletter"),
        InputSpec("feed", "http://feeds.example/rss", name="Stadtbote", full_text=True),
        InputSpec("imap", "imap://leser@127.0.0.1:1143/INBOX", password_env="POST_PW"),
        InputSpec("path", "/srv/digest/briefe", name="Briefe"),
    ]
    assert specs[4].imap == ImapAddress("leser@example.org", "mail.example.org", 993,
                                        "Newsletter", implicit_tls=True)  # fmt: skip
    assert specs[4].imap.url == "imaps://leser%40example.org@mail.example.org/Newsletter"
    assert specs[6].imap.port == 1143 and specs[6].imap.loopback
    assert not specs[4].imap.loopback


def test_a_single_entry_need_not_be_a_list() -> None:
    assert parse_inputs("inbox", BASE, "c.yaml") == ([InputSpec("path", "/srv/digest/inbox")], [])


def test_imap_folder_defaults_to_inbox_and_is_percent_decoded() -> None:
    assert parse_string("imap://u@localhost", BASE).imap.folder == "INBOX"
    assert parse_string("imap://u@h/Archiv/%C3%9Cbersicht", BASE).imap.folder == "Archiv/Übersicht"


@pytest.mark.parametrize(("entry", "problem"), [
    (42, "inputs[1]: expected a path, an http(s)/imap(s) URL or a mapping with 'url' or 'path', "
         "got 42"),
    ("", "inputs[1]: expected a path, an http(s)/imap(s) URL or a mapping with 'url' or 'path', "
         "got an empty string"),
    ("ftp://example.org/feed", "inputs[1]: unsupported URL scheme 'ftp://' (use a path, "
                               "http(s):// or imap(s)://)"),
    ("https:///rss", "inputs[1]: expected an http(s):// URL with a host, got 'https:///rss'"),
    ("imaps://mail.example.org/INBOX", "inputs[1]: expected imaps://USER@HOST[:PORT]/FOLDER, got "
                                       "'imaps://mail.example.org/INBOX'"),
    ("imaps://u:geheim@mail.example.org/INBOX",
     "inputs[1]: a password in the URL is not allowed: it is read from an environment variable "
     "(default DIGEST_IMAP_PASSWORD, or the entry's 'password_env')"),
    ("imap://u@h:99999/INBOX", "inputs[1]: bad port in 'imap://u@h:99999/INBOX' "
                               "(expected 1 to 65535)"),
    ({"name": "X"}, "inputs[1]: expected a mapping with 'url' or 'path' (not both), got neither"),
    ({"url": "https://a.example/", "path": "b"},
     "inputs[1]: expected a mapping with 'url' or 'path' (not both), got both"),
    ({"url": "inbox"}, "inputs[1].url: expected an http(s):// or imap(s):// URL, got 'inbox'"),
    ({"path": "https://a.example/"},
     "inputs[1].path: expected a path (give a URL as 'url'), got 'https://a.example/'"),
    ({"url": "https://a.example/", "nmae": "X"}, "inputs[1].nmae: unknown key (did you mean "
                                                 "'name'?)"),
    ({"url": "https://a.example/", "full_text": "ja"},
     "inputs[1].full_text: expected true or false, got 'ja'"),
    ({"url": "https://a.example/", "password_env": "PW"},
     "inputs[1].password_env: only an imap(s):// input has a password"),
    ({"url": "imap://u@h/INBOX", "password_env": "mein passwort"},
     "inputs[1].password_env: expected an environment variable name, got 'mein passwort'"),
    ({"url": "imap://u@h/INBOX", "full_text": True},
     "inputs[1].full_text: only an http(s):// feed can fetch its entries' pages"),
    ({"url": "https://a.example/", "name": 5}, "inputs[1].name: expected a single-line string, "
                                               "got 5"),
    ({"url": "https://a.example/", "cafile": "ca.pem"},
     "inputs[1].cafile: only an imap(s):// input takes a CA file"),
])  # fmt: skip
def test_bad_entries_are_one_line_each(entry: object, problem: str) -> None:
    specs, problems = parse_inputs(["inbox", entry, "https://b.example/rss"], BASE, "config.yaml")
    assert problems == [f"config.yaml: {problem}"]
    assert [s.location for s in specs] == ["/srv/digest/inbox", "https://b.example/rss"]


def test_every_bad_entry_is_reported_at_once() -> None:
    _, problems = parse_inputs([42, "inbox", None], BASE, "config.yaml")
    assert [p.split(":")[1].strip() for p in problems] == ["inputs[0]", "inputs[2]"]


def test_inputs_of_the_wrong_type() -> None:
    assert parse_inputs(7, BASE, "config.yaml") == ([], [
        "config.yaml: inputs: expected a path, an http(s)/imap(s) URL or a mapping with 'url' or "
        "'path', or a list of them, got 7"
    ])  # fmt: skip


def test_an_imap_input_may_name_a_ca_file_relative_to_the_config() -> None:
    [spec] = parse_inputs([{"url": "imaps://u@h/INBOX", "cafile": "certs/ca.pem"}], BASE, "c")[0]
    assert spec.cafile == BASE / "certs" / "ca.pem"


def test_the_config_file_reports_bad_inputs_beside_other_keys(write_config) -> None:
    from digest.config import load_config
    from digest.errors import ConfigError

    path = write_config("inputs: [inbox, 42]\nmax_age_days: -1\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        f"{path}: max_age_days: expected a finite number of 0 or more, got -1",
        f"{path}: inputs[1]: expected a path, an http(s)/imap(s) URL or a mapping with 'url' or "
        "'path', got 42",
    ]
