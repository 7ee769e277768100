# An intentionally insecure Flask service: every problem of the threat model.
FROM python:latest
ENV FLASK_APP=app.py \
    ADMIN_PASSWORD=SuperSecret123
ARG GITHUB_TOKEN
RUN apt-get update
RUN apt-get update && apt-get -y dist-upgrade
RUN curl -fsSL https://install.example.com/setup.sh | bash
RUN sudo pip install -r requirements.txt
ADD https://example.com/tool.tar.gz /opt/
ADD app.py /app/app.py
RUN chmod 777 /app && chmod u+s /usr/local/bin/helper
VOLUME /var/run/docker.sock
EXPOSE 22 5000 70000
WORKDIR /app
CMD flask run --host=0.0.0.0
