# want: DKS1003 "Command 'FROM' should match the case of the command majority \(lowercase\)"
FROM alpine:3.20
run echo one
copy a /a
