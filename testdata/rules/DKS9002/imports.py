# want: DKS9002
import subprocess
# want: DKS9002
from subprocess import Popen, PIPE
