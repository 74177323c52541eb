"""The theme codebook: the packaged file's content, and clear errors for a user's bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtext.errors import ConfigError
from govtext.themes import ThemeCoder, load_codebook

REQUIRED = [
    "digital_divide", "data_sovereignty", "cross_border_data", "data_protection",
    "ai_governance", "cybersecurity", "human_rights", "capacity_building",
    "multistakeholder", "fragmentation", "misinformation", "digital_economy",
    "connectivity", "sustainability", "child_online_safety", "gender_youth",
    "digital_public_infrastructure", "emerging_tech",
]

MINIMAL = """
themes:
  - id: water
    label: Water
    definition: Drinking water and sanitation.
    include: [drinking water, sanitation]
"""


def test_packaged_codebook_has_the_eighteen_themes_of_the_issue() -> None:
    cb = load_codebook()
    assert cb.ids == REQUIRED
    for theme in cb.themes:
        assert theme.label and theme.definition and theme.include and theme.examples


def test_every_codebook_example_is_coded_with_its_theme() -> None:
    coder = ThemeCoder().fit()
    for theme in coder.codebook_.themes:
        for example in theme.examples:
            assert theme.id in coder.themes_in(example), (theme.id, example)


def test_packaged_codebook_file_starts_with_a_comment_header() -> None:
    import govtext

    text = (Path(govtext.__file__).parent / "data" / "themes.yaml").read_text("utf-8")
    assert text.startswith("#")


def test_user_yaml_codebook_is_used(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    coder = ThemeCoder(path).fit()
    assert coder.theme_ids_ == ["water"]
    assert coder.themes_in("Access to drinking water is a right.") == {"water"}


def test_user_toml_codebook_is_used(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[themes]]\nid = "water"\nlabel = "Water"\ndefinition = "Water."\n'
                    'include = ["drinking water"]\n', encoding="utf-8")
    assert load_codebook(path).ids == ["water"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("themes: [\n  - id: x", "not valid YAML"),
        ("- just a list", "must have a 'themes' list"),
        (MINIMAL.replace("    label: Water\n", ""), "lacks 'label'"),
        (MINIMAL.replace("id: water", "id: Water Theme"), "snake_case"),
        (MINIMAL + MINIMAL.split("themes:\n")[1], "duplicate theme id 'water'"),
        (MINIMAL.replace("[drinking water, sanitation]", "[\"@nope water\"]"),
         "unknown alias @nope"),
        (MINIMAL.replace("[drinking water, sanitation]", "[]"), "at least one pattern"),
        (MINIMAL.replace("    label: Water\n", "    label: Water\n    colour: blue\n"),
         "unknown field(s) colour"),
        (MINIMAL.replace("[drinking water, sanitation]", "drinking water"),
         "'include' must be a list"),
    ],
)
def test_bad_codebook_gives_a_one_line_config_error(tmp_path: Path, content: str,
                                                    message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_codebook(path)
    assert message in str(err.value)
    assert "\n" not in str(err.value)
    assert str(path) in str(err.value)


def test_missing_codebook_file_gives_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="theme codebook not found"):
        load_codebook(tmp_path / "absent.yaml")


def test_undecodable_codebook_file_gives_config_error(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ConfigError, match="cannot read theme codebook"):
        load_codebook(path)
