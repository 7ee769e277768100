FROM alpine:3.20
# want: DKS4006 "inside /proc"
WORKDIR /proc/self/fd/1
# want: DKS4006 "inside /dev"
WORKDIR "/dev/shm"
# want: DKS4006 "inside /sys"
VOLUME ["/data", "/sys/fs/cgroup"]
ARG BOOT=/boot
# want: DKS4006 "inside /boot"
VOLUME ${BOOT}
