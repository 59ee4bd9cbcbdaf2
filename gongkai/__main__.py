from gongkai.cli import run

run()
