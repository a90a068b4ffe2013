# left over from debugging
client = boto3.client('ses', aws_access_key_id='AKIAN5ELJJJJF3FSYCE5')
