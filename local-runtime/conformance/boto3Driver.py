"""Drive a DynamoDB endpoint with boto3 (the low-level client): reads a JSON list of
{"op": "put_item", "params": {...}} from stdin, runs them in order, and prints one JSON list of
{"ok": response} / {"error": {"code", "message", "reasons", "item"}}. Binary values are written as
{"B": "<base64>"} both ways. Usage: python3 boto3Driver.py <endpoint-url> < calls.json"""
import base64
import datetime
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError


def to_boto(value):
    if isinstance(value, dict):
        return {k: (base64.b64decode(v) if k == 'B' else [base64.b64decode(b) for b in v] if k == 'BS' else to_boto(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [to_boto(v) for v in value]
    return value


def to_json(value):
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode('ascii')
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(type(value).__name__)


def main():
    client = boto3.client(
        'dynamodb',
        endpoint_url=sys.argv[1],
        region_name='us-east-1',
        aws_access_key_id='any',
        aws_secret_access_key='any',
        config=Config(retries={'max_attempts': 1, 'mode': 'standard'}),
    )
    results = []
    for call in json.load(sys.stdin):
        try:
            response = getattr(client, call['op'])(**to_boto(call.get('params', {})))
            response.pop('ResponseMetadata', None)
            results.append({'ok': response})
        except ClientError as error:
            body = error.response
            results.append({'error': {
                'code': body['Error'].get('Code'),
                'message': body['Error'].get('Message'),
                'reasons': body.get('CancellationReasons'),
                'item': body.get('Item'),
            }})
        except ParamValidationError as error:
            results.append({'error': {'code': 'ParamValidationError', 'message': str(error)}})
    print(json.dumps(results, default=to_json))


main()
