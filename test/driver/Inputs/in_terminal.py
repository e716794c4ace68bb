"""Runs a command with stdout and stderr on a pseudo-terminal; saves what it printed.

  in_terminal.py OUTPUT COMMAND...
"""
import os
import pty
import sys

output_path, command = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
chunks = []
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:  # the child closed the terminal
        break
    if not data:
        break
    chunks.append(data)
os.waitpid(pid, 0)
with open(output_path, "wb") as f:
    f.write(b"".join(chunks))
