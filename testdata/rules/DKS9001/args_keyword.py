# A wrapper of subprocess passed the command as args= beside shell=
# (asyncio's base_subprocess.py; bandit's B604).
import subprocess


class Transport:
    def __init__(self, args, shell, **kwargs):
        # want: DKS9001 "shell=True"
        self._start(args=args, shell=shell, stdout=subprocess.PIPE, **kwargs)


def pipeline(run_logged):
    # want: DKS9001 "literal today"
    run_logged(args="du -sh /srv", shell=True)
    # shell=False: the wrapper starts the program without a shell.
    run_logged(args="du", shell=False)
    run_logged(args=["du", "-sh", "/srv"], shell=False)
