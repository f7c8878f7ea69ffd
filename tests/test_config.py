"""Config validation: exact messages, all errors at once, safe YAML, path resolution."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.config import Config, load_config
from digest.errors import ConfigError
from digest.exitcodes import ExitCode
from tests.conftest import ROOT


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value.problems


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("smtp:\n  port: abc\n", "smtp.port: expected an integer, got 'abc'"),
        ("smtp:\n  port: 70000\n", "smtp.port: expected a port number from 1 to 65535, got 70000"),
        ("smtp:\n  security: tls\n", "smtp.security: expected starttls | ssl | none, got 'tls'"),
        ("locale: xx_YY\n", "locale: expected a locale such as de_DE or en_US, got 'xx_YY'"),
        ("timezone: Mars/Olympus\n",
         "timezone: expected an IANA timezone such as Europe/Berlin, got 'Mars/Olympus'"),
        ("title: 5\n", "title: expected a string, got 5"),
        ("title: \"a\\nBcc: x@y.z\"\n",
         "title: expected a single line without control characters, got 'a\\nBcc: x@y.z'"),
        ("mail:\n  to: [nobody]\n", "mail.to[0]: expected an email address, got 'nobody'"),
        ("mail:\n  list_unsubscribe: http://x.example/u\n",
         "mail.list_unsubscribe: expected an https:// or mailto: URL, got 'http://x.example/u'"),
        ("dedup:\n  threshold: 1.5\n", "dedup.threshold: expected a number from 0 to 1, got 1.5"),
        ("max_html_bytes: -1\n", "max_html_bytes: expected a positive integer, got -1"),
        ("titel: x\n", "titel: unknown key (did you mean 'title'?)"),
        ("smtp:\n  prot: 25\n", "smtp.prot: unknown key (did you mean 'port'?)"),
        ("smtp: 25\n", "smtp: expected a mapping, got 25"),
        ("sources:\n  - name: X\n", "sources[0].match: required key is missing"),
        ("sections:\n  - name: Politik\n    match: [politik]\n    opinion: ja\n",
         "sections[0].opinion: expected true or false, got 'ja'"),
        ("sections: Politik\n",
         "sections: expected a list of {name, match, opinion}, got 'Politik'"),
    ],
)  # fmt: skip
def test_each_error_names_the_key_and_what_was_expected(write_config, yaml_text, message) -> None:
    path = write_config(yaml_text)
    assert problems(path) == [f"{path}: {message}"]


def test_all_errors_are_reported_at_once(write_config, invoke) -> None:
    path = write_config("titel: x\nsmtp:\n  port: abc\n  security: tls\nlocale: 7\n")
    result = invoke("build", "-c", path)
    assert result.exit_code == ExitCode.CONFIG_ERROR
    assert result.stderr.splitlines() == [
        f"Error: {path}: titel: unknown key (did you mean 'title'?)",
        f"Error: {path}: locale: expected a string, got 7",
        f"Error: {path}: smtp.port: expected an integer, got 'abc'",
        f"Error: {path}: smtp.security: expected starttls | ssl | none, got 'tls'",
    ]


def test_yaml_tags_are_refused(write_config) -> None:
    path = write_config("title: !!python/object/apply:os.system ['echo pwned']\n")
    [message] = problems(path)
    assert message.startswith(f"{path}: line 1: invalid YAML: could not determine a constructor")


def test_a_yaml_syntax_error_names_the_line(write_config) -> None:
    path = write_config("title: ok\nsmtp:\n  port: [1\n")
    [message] = problems(path)
    assert message.startswith(f"{path}: line 4: invalid YAML:")


def test_a_missing_config_file_is_an_error(invoke, tmp_path: Path) -> None:
    result = invoke("build", "-c", tmp_path / "fehlt.yaml")
    assert result.exit_code == ExitCode.CONFIG_ERROR
    assert result.stderr == f"Error: {tmp_path / 'fehlt.yaml'}: file not found\n"


def test_relative_paths_are_relative_to_the_config_file(write_config) -> None:
    path = write_config("templates: my-templates\ninputs: [inbox, /abs/in]\noutput: out\n")
    config = load_config(path)
    assert config.templates == path.parent / "my-templates"
    assert [s.path for s in config.inputs] == [path.parent / "inbox", Path("/abs/in")]
    assert config.output == path.parent / "out"


def test_an_empty_file_gives_the_defaults(write_config) -> None:
    config = load_config(write_config(""))
    assert (config.title, config.locale) == ("Der Digest", "de_DE")
    assert config.timezone == "Europe/Berlin"
    assert config.smtp.port == 587 and config.smtp.security == "starttls"
    assert config.max_html_bytes == 102_400


def test_the_tracked_config_is_valid_and_documents_every_key() -> None:
    config = load_config(ROOT / "config.yaml")
    assert isinstance(config, Config)
    assert [s.path for s in config.inputs] == [ROOT / "examples" / "inbox"]
    lines = (ROOT / "config.yaml").read_text("utf-8").splitlines()
    keys = [i for i, line in enumerate(lines) if re.match(r"^ {0,2}[a-z_]+:", line)]
    assert len(keys) > 30
    for i in keys:
        assert lines[i - 1].strip().startswith("#"), f"undocumented: {lines[i]}"


@pytest.mark.parametrize("key", ["templates", "hooks"])
def test_code_and_templates_outside_the_config_folder_need_an_absolute_path(
    write_config, tmp_path: Path, key: str
) -> None:
    path = write_config(f"{key}: ../elsewhere\n")
    assert problems(path) == [
        f"{path}: {key}: expected a path inside the config's folder (give an absolute path to "
        "go outside), got '../elsewhere'"
    ]
    outside = tmp_path.parent / "elsewhere"
    config = load_config(write_config(f"{key}: {outside}\n"))
    assert getattr(config, key) in (outside, [outside])


def test_the_tracked_config_names_every_key_of_the_schema() -> None:
    from digest.config import SECTION_SCHEMA, SECTIONS, SOURCE_SCHEMA, TOP_SCHEMA

    text = (ROOT / "config.yaml").read_text("utf-8")
    schemas = [("", TOP_SCHEMA), ("sources[].", SOURCE_SCHEMA), ("sections[].", SECTION_SCHEMA)]
    schemas += [(f"{name}.", schema) for name, (schema, _) in SECTIONS.items()]
    missing = [f"{prefix}{key}" for prefix, schema in schemas for key in schema
               if not re.search(rf"^\s*(- )?{key}:", text, re.MULTILINE)]  # fmt: skip
    assert missing == []


def test_the_tracked_config_states_the_real_defaults() -> None:
    from digest.config import DedupConfig, DeliveryConfig, SmtpConfig

    config = load_config(ROOT / "config.yaml")
    assert config.dedup == DedupConfig()
    assert config.smtp == SmtpConfig()
    assert config.delivery == DeliveryConfig()
    assert (config.locale, config.timezone, config.max_html_bytes) == ("de_DE", "Europe/Berlin",
                                                                      102_400)  # fmt: skip
    # The sections it lists are the built-in ones, in German.
    from digest.i18n import translations
    from digest.rank.sections import builtin_sections, configured_sections

    assert configured_sections(config.sections) == builtin_sections(translations("de").gettext)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("smtp:\n  timeout: .nan\n", "smtp.timeout: expected a finite positive number, got nan"),
        ("smtp:\n  timeout: 0\n", "smtp.timeout: expected a finite positive number, got 0"),
        ("max_input_seconds: .inf\n",
         "max_input_seconds: expected a finite positive number, got inf"),
        ("max_age_days: .nan\n", "max_age_days: expected a finite number of 0 or more, got nan"),
        ("dedup:\n  threshold: .nan\n", "dedup.threshold: expected a number from 0 to 1, got nan"),
        ("title: \"Der\\u2028Digest\"\n",
         "title: expected a single line without control characters, got 'Der\\u2028Digest'"),
        ("mail:\n  to: [a@example.org, \"b\\u0007@example.org\"]\n",
         "mail.to[1]: expected a single line without control characters, "
         "got 'b\\x07@example.org'"),
        ("mail:\n  list_unsubscribe: \"mailto:a@example.org,b@evil.example\"\n",
         "mail.list_unsubscribe: expected an https:// or mailto: URL, "
         "got 'mailto:a@example.org,b@evil.example'"),
    ],
)  # fmt: skip
def test_numbers_are_finite_and_header_values_plain(
    tmp_path: Path, text: str, line: str
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    assert problems(path) == [f"{path}: {line}"]


def test_max_input_seconds_defaults_to_30_and_can_be_set(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("max_input_seconds: 2.5\n", encoding="utf-8")
    assert load_config(path).max_input_seconds == 2.5
    assert Config().max_input_seconds == 30.0
