FROM debian:forky
# dist-clean before the refresh cleans nothing the refresh writes.
# want: DKS3004 "apt-get update leaves the package lists"
RUN apt-get dist-clean && apt-get update && apt-get install -y --no-install-recommends curl
