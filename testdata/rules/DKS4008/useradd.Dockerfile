FROM debian:12
# want: DKS4008 "useradd -o"
RUN useradd -o -u 0 -g 0 toor
# want: DKS4008 "groupadd -o"
RUN groupadd --non-unique -g 10001 app2
