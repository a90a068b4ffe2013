provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIA5NTZQAZFA55F5D5T"
  secret_key = "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"
}
