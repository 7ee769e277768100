# The stage that ships is built on Debian 10: a warning naming the release,
# its end and the source of the date.
# want: DKS2009 warning "debian:buster-slim .* Debian 10 \(buster\) left Debian LTS on 2024-06-30 \(distro-info-data .*\); move to a supported release such as Debian 13 \(trixie\)"
FROM debian:buster-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
CMD ["/bin/bash"]
