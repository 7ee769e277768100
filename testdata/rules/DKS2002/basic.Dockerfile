FROM alpine:3.20
# want: DKS2002
ADD app.py /app/
# want: DKS2002
ADD --chown=app:app src/ conf/ /app/
# want: DKS2002
ADD "file.zip" /usr/src/app/
