"""appeal"""
