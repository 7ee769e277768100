FROM debian:12
RUN useradd -m app
# root runs a command as the less privileged user: sudo steps down.
RUN sudo -u app touch /home/app/.ready
RUN sudo -E -u app sh -c 'echo "$HOME"' && sudo --user=app true
