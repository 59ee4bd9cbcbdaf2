import stat

import pytest

from gongkai.web.env import env_bool, env_secret, local_secret


def test_a_local_secret_is_made_once_and_kept_private(tmp_path):
    path = tmp_path / "var" / "secret_key"
    first = local_secret(path)
    assert len(first) >= 50
    assert local_secret(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_secret_is_read_from_the_file_its_variable_names(tmp_path, monkeypatch):
    secret_file = tmp_path / "key"
    secret_file.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TEST_SECRET_FILE", str(secret_file))
    assert env_secret("GONGKAI_TEST_SECRET", default="") == "from-a-file"


def test_a_boolean_setting_that_is_not_a_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("GONGKAI_TEST_FLAG", "perhaps")
    with pytest.raises(ValueError, match="GONGKAI_TEST_FLAG"):
        env_bool("GONGKAI_TEST_FLAG", False)
