# The shipped stage is built FROM an earlier stage: the base image of the
# chain ships, so the finding is a warning at the FROM that names it.
# want: DKS2009 warning "Ubuntu 18\.04 \(bionic\) left standard support on 2023-05-31"
FROM ubuntu:bionic AS base
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*

FROM base AS app
COPY app.py /app/
CMD ["python3", "/app/app.py"]
