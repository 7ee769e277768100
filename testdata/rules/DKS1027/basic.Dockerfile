FROM nginx:1.27
# want: DKS1027 "Defined protocol '80/TcP'"
# want: DKS1027 "Defined protocol '8080/TCP'"
EXPOSE 80/TcP 8080/TCP 8081/udp
