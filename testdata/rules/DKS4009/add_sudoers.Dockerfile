# Issue 16 names ADD beside COPY: an ADD of a sudoers drop-in from the
# build context is judged by its content the same way.
FROM debian:12
# want: DKS4009 "ADD context/sudoers.d/deploy writes a NOPASSWD rule into /etc/sudoers.d/deploy"
ADD context/sudoers.d/deploy /etc/sudoers.d/deploy
# The wheel drop-in asks for the password: nothing granted without one.
ADD context/sudoers.d/wheel /etc/sudoers.d/
USER deploy
