from importlib.metadata import version

from gongkai.cli import main


def test_it_prints_its_version(capsys):
    assert main(["version"]) == 0
    assert capsys.readouterr().out.strip() == version("gongkai")


def test_it_exits_2_on_an_unknown_command(capsys):
    assert main(["no-such-command"]) == 2
