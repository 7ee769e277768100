import shlex
import subprocess


def ping(ip):
    return subprocess.check_output(["ping", "-c", "1", ip], shell=False)


def listing():
    return subprocess.run(shlex.split("ls -l"), capture_output=True, check=True)


def not_a_process(shell=True):
    # A keyword named shell on a function that starts no process.
    return dict(shell=True)
